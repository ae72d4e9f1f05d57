package dlkit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The transformer block and the position embeddings in real DL4J networks. */
class TransformerBlockIT {

    /** Positions, a block, and an output per step: [n, features, steps] in, [n, 3, steps] out. */
    private static MultiLayerNetwork net(DataType type, int features, int steps, int heads, boolean causal) {
        return net(type, features, steps, heads, causal, new Adam(1e-2));
    }

    private static MultiLayerNetwork net(DataType type, int features, int steps, int heads, boolean causal,
                                         org.nd4j.linalg.learning.config.IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .updater(updater).list()
                .layer(new Positions.Builder().build())
                .layer(new TransformerBlock.Builder().heads(heads).ff(8).causal(causal).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(features, steps))
                .build());
        net.init();
        return net;
    }

    /** The block written out in plain ND4J, step by step as its documentation says. */
    private static INDArray reference(Map<String, INDArray> p, INDArray input, int heads, boolean causal) {
        long n = input.size(0), d = input.size(1), steps = input.size(2), dh = d / heads;
        INDArray out = Nd4j.create(input.dataType(), n, d, steps);
        for (int e = 0; e < n; e++) {
            INDArray x = input.slice(e).transpose().dup();                           // [T, d]
            INDArray h = norm(x, p.get("g1"), p.get("s1"));
            INDArray q = h.mmul(p.get("Wq")).addRowVector(p.get("bq"));
            INDArray k = h.mmul(p.get("Wk")).addRowVector(p.get("bk"));
            INDArray v = h.mmul(p.get("Wv")).addRowVector(p.get("bv"));
            INDArray joined = Nd4j.create(input.dataType(), steps, d);
            for (int head = 0; head < heads; head++) {
                INDArray qh = q.get(NDArrayIndex.all(), NDArrayIndex.interval(head * dh, (head + 1) * dh));
                INDArray kh = k.get(NDArrayIndex.all(), NDArrayIndex.interval(head * dh, (head + 1) * dh));
                INDArray vh = v.get(NDArrayIndex.all(), NDArrayIndex.interval(head * dh, (head + 1) * dh));
                INDArray scores = qh.mmul(kh.transpose()).divi(Math.sqrt(dh));
                for (int t = 0; t < steps && causal; t++) {
                    for (int s = t + 1; s < steps; s++) {
                        scores.putScalar(t, s, Double.NEGATIVE_INFINITY);
                    }
                }
                joined.get(NDArrayIndex.all(), NDArrayIndex.interval(head * dh, (head + 1) * dh))
                        .assign(Transforms.softmax(scores, true).mmul(vh));
            }
            INDArray a = x.add(joined.mmul(p.get("Wo")).addRowVector(p.get("bo")));
            INDArray hidden = Transforms.relu(norm(a, p.get("g2"), p.get("s2")).mmul(p.get("W1")).addRowVector(p.get("c1")), false);
            INDArray y = a.add(hidden.mmul(p.get("W2")).addRowVector(p.get("c2")));
            out.slice(e).assign(y.transpose());
        }
        return out;
    }

    private static INDArray norm(INDArray x, INDArray gain, INDArray shift) {
        INDArray centred = x.subColumnVector(x.mean(true, 1));
        INDArray std = Transforms.sqrt(centred.mul(centred).mean(true, 1).addi(1e-5), false);
        return centred.divColumnVector(std).mulRowVector(gain).addRowVector(shift);
    }

    @Test
    void theBlockComputesWhatItsDocumentationSays() {
        for (boolean causal : new boolean[]{false, true}) {
            MultiLayerNetwork net = net(DataType.DOUBLE, 8, 6, 2, causal);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 8, 6).subi(0.5);
            List<INDArray> activations = net.feedForward(x, false);
            INDArray expected = reference(net.getLayer(1).paramTable(), activations.get(1), 2, causal);
            assertTrue(expected.equalsWithEps(activations.get(2), 1e-9), "causal " + causal + ": the block's output");
            INDArray withPositions = x.add(net.getLayer(0).getParam("P").reshape(1, 8, 6));
            assertTrue(withPositions.equalsWithEps(activations.get(1), 1e-12), "positions add one vector per step");
        }
    }

    @Test
    void attentionWeightsSumToOneAndACausalBlockSeesNoFuture() {
        MultiLayerNetwork net = net(DataType.FLOAT, 8, 6, 2, true);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 8, 6);
        INDArray weights = TransformerBlock.attentionWeights(net.getLayer(1), net.feedForward(x, false).get(1));
        assertEquals(List.of(2L, 2L, 6L, 6L), List.of(weights.size(0), weights.size(1), weights.size(2), weights.size(3)));
        INDArray sums = weights.sum(3);
        assertTrue(sums.equalsWithEps(Nd4j.ones(DataType.FLOAT, 2, 2, 6), 1e-5), "every row sums to 1");
        for (int t = 0; t < 6; t++) {
            for (int s = t + 1; s < 6; s++) {
                assertEquals(0.0, weights.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t),
                        NDArrayIndex.point(s)).maxNumber().doubleValue(), 0.0, "step " + t + " looks at step " + s);
            }
        }

        // Changing step 3 changes the outputs of steps 3.. only, in a causal block; of every step otherwise.
        for (boolean causal : new boolean[]{true, false}) {
            MultiLayerNetwork model = net(DataType.DOUBLE, 8, 6, 2, causal);
            INDArray a = Nd4j.rand(DataType.DOUBLE, 1, 8, 6);
            INDArray b = a.dup();
            // (a random change: layer normalization would undo a change of every feature by the same amount)
            b.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(3)).addi(Nd4j.rand(DataType.DOUBLE, 1, 8));
            INDArray ya = model.output(a);
            INDArray yb = model.output(b);
            for (int t = 0; t < 6; t++) {
                double change = Transforms.abs(ya.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t))
                        .sub(yb.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)))).maxNumber().doubleValue();
                if (causal && t < 3) {
                    assertEquals(0.0, change, 1e-15, "a causal step " + t + " saw the future");
                } else {
                    assertTrue(change > 1e-6, "step " + t + " (causal " + causal + ") did not see step 3");
                }
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        DataType defaultType = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            for (boolean causal : new boolean[]{true, false}) {
                MultiLayerNetwork net = net(DataType.DOUBLE, 4, 3, 2, causal, new org.nd4j.linalg.learning.config.NoOp());
                Nd4j.getRandom().setSeed(5);
                INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 3).subi(0.5);
                INDArray y = Nd4j.zeros(DataType.DOUBLE, 2, 3, 3);
                for (int e = 0; e < 2; e++) {
                    for (int t = 0; t < 3; t++) {
                        y.putScalar(e, (e + t) % 3, t, 1.0);
                    }
                }
                assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                        .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)), "causal " + causal);
            }
        } finally {
            Nd4j.setDefaultDataTypes(defaultType, defaultType);
        }
    }

    @Test
    void itLearnsToCopyTheStepBeforeAndSurvivesSaving() throws Exception {
        // Each step's label is the input's class one step earlier: a causal block must look back one step.
        MultiLayerNetwork net = net(DataType.FLOAT, 8, 8, 2, true);   // classes one-hot in the first 3 of 8 features
        Nd4j.getRandom().setSeed(9);
        INDArray classes = Nd4j.rand(DataType.FLOAT, 64, 8).muli(3).castTo(DataType.INT32);
        INDArray x = Nd4j.zeros(DataType.FLOAT, 64, 8, 8);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 3, 8);
        for (int e = 0; e < 64; e++) {
            for (int t = 0; t < 8; t++) {
                x.putScalar(e, classes.getInt(e, t), t, 1.0);
                y.putScalar(e, classes.getInt(e, Math.max(0, t - 1)), t, 1.0);
            }
        }
        double before = net.score(new org.nd4j.linalg.dataset.DataSet(x, y));
        for (int i = 0; i < 300; i++) {
            net.fit(x, y);
        }
        double after = net.score(new org.nd4j.linalg.dataset.DataSet(x, y));
        INDArray predicted = net.output(x).argMax(1);
        double right = predicted.castTo(DataType.FLOAT).eq(y.argMax(1).castTo(DataType.FLOAT)).castTo(DataType.FLOAT)
                .meanNumber().doubleValue();
        assertTrue(after < before / 4, "loss " + before + " -> " + after);
        assertTrue(right > 0.95, "copies the previous step: " + right);

        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, saved, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(saved.toByteArray()), true);
        assertEquals(net.output(x), loaded.output(x));
        assertTrue(((TransformerBlock) loaded.getLayer(1).conf().getLayer()).isCausal());
    }

    @Test
    void headsThatDoNotDivideTheFeaturesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net(DataType.FLOAT, 6, 4, 4, false));
        assertTrue(e.getMessage().contains("6 features do not split into 4 heads") && e.getMessage().contains("e.g. 3"),
                e.getMessage());
    }
}
