package dlkit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import dlkit.data.SignalTask;

/** Attention pooling: its formula, its gradients, learning to look back, saving. */
class AttentionPoolingIT {

    private static MultiLayerNetwork pooled(DataType type, int features, int steps) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(3)
                .dataType(type)
                .updater(new NoOp())
                .list()
                .layer(new SimpleRnn.Builder().nOut(features).activation(Activation.TANH).build())
                .layer(new AttentionPooling.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(3, steps))
                .build());
        net.init();
        return net;
    }

    @Test
    void outputsTheWeightedAverageOfTheSteps() {
        MultiLayerNetwork net = pooled(DataType.FLOAT, 4, 5);
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 5);
        List<INDArray> activations = net.feedForward(x, false);
        INDArray steps = activations.get(1);
        INDArray weights = AttentionPooling.weights(net.getParam("1_q"), steps);
        assertEquals(2.0, weights.sumNumber().doubleValue(), 1e-5, "each row sums to 1");
        for (int e = 0; e < 2; e++) {
            for (int f = 0; f < 4; f++) {
                double expected = 0;
                for (int t = 0; t < 5; t++) {
                    expected += weights.getDouble(e, t) * steps.getDouble(e, f, t);
                }
                assertEquals(expected, activations.get(2).getDouble(e, f), 1e-5);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> AttentionPooling.weights(Nd4j.ones(3), steps));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        DataType defaultType = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            MultiLayerNetwork net = pooled(DataType.DOUBLE, 4, 5);
            Nd4j.getRandom().setSeed(5);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 3, 5).subi(0.5);
            INDArray y = Nd4j.rand(DataType.DOUBLE, 3, 2);
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)), "the query and the RNN below get true gradients");
        } finally {
            Nd4j.setDefaultDataTypes(defaultType, defaultType);
        }
    }

    @Test
    void learnsToLookBackAtASignalAndSurvivesSaving() throws Exception {
        SignalTask train = SignalTask.of(600, 20, 5, 3, 10, 1);
        SignalTask test = SignalTask.of(200, 20, 5, 3, 10, 2);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(2)
                .updater(new Adam(1e-2))
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nOut(8).inputLength(20).build())
                .layer(new AttentionPooling.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(train.vocabularySize(), 20))
                .build());
        net.init();
        for (int epoch = 0; epoch < 15; epoch++) {
            for (DataSet batch : train.data().batchBy(50)) {
                net.fit(batch);
            }
        }
        INDArray out = net.output(test.data().getFeatures());
        double accuracy = out.argMax(1).eq(test.data().getLabels().argMax(1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertTrue(accuracy > 0.95, "attention finds the signal: accuracy " + accuracy + " (guessing: 0.33)");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(out, loaded.output(test.data().getFeatures()), "the loaded network answers as the saved one");
    }
}
