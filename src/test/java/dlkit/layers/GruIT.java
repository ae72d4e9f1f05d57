package dlkit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
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

/** The GRU layer: its equations, its gradients, learning, saving, and its errors. */
class GruIT {

    private static MultiLayerNetwork sequenceNet(DataType type, int inputs, int units, int steps) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(5)
                .dataType(type)
                .updater(new NoOp())
                .list()
                .layer(new Gru.Builder().nOut(units).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(inputs, steps))
                .build());
        net.init();
        return net;
    }

    @Test
    void computesTheGruEquationsStepByStep() {
        int inputs = 2, units = 3, steps = 4;
        MultiLayerNetwork net = sequenceNet(DataType.DOUBLE, inputs, units, steps);
        Nd4j.getRandom().setSeed(11);
        for (String gate : new String[]{"r", "u", "c"}) {
            net.getParam("0_b" + gate).assign(Nd4j.rand(DataType.DOUBLE, 1, units).subi(0.5));
        }
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, inputs, steps).subi(0.5);
        INDArray out = net.feedForward(x).get(1); // [1, units, steps]

        double[] h = new double[units];
        for (int t = 0; t < steps; t++) {
            double[] r = gate(net, "r", x, t, h, null, GruIT::sigmoid);
            double[] u = gate(net, "u", x, t, h, null, GruIT::sigmoid);
            double[] c = gate(net, "c", x, t, h, r, Math::tanh);
            for (int j = 0; j < units; j++) {
                h[j] = u[j] * h[j] + (1 - u[j]) * c[j];
                assertEquals(h[j], out.getDouble(0, j, t), 1e-9, "unit " + j + " at step " + t);
            }
        }
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** One gate by the formula: activation(x Wx + reset * (h Wh) + b), reset 1 except for the candidate. */
    private static double[] gate(MultiLayerNetwork net, String gate, INDArray x, int t, double[] h, double[] reset,
                                 java.util.function.DoubleUnaryOperator activation) {
        INDArray wx = net.getParam("0_Wx" + gate), wh = net.getParam("0_Wh" + gate), b = net.getParam("0_b" + gate);
        double[] out = new double[h.length];
        for (int j = 0; j < h.length; j++) {
            double fromInput = b.getDouble(0, j), fromState = 0;
            for (int i = 0; i < wx.rows(); i++) {
                fromInput += x.getDouble(0, i, t) * wx.getDouble(i, j);
            }
            for (int k = 0; k < h.length; k++) {
                fromState += h[k] * wh.getDouble(k, j);
            }
            out[j] = activation.applyAsDouble(fromInput + (reset == null ? 1 : reset[j]) * fromState);
        }
        return out;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        MultiLayerNetwork net = sequenceNet(DataType.DOUBLE, 3, 4, 5);
        Nd4j.getRandom().setSeed(12);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 5).subi(0.5);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 2, 5);
        DataType defaultType = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        boolean ok;
        try {
            ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
        } finally {
            Nd4j.setDefaultDataTypes(defaultType, defaultType);
        }
        assertTrue(ok, "analytic and numeric gradients of every GRU parameter agree");
    }

    @Test
    void hasThreeGatesOfParameters() {
        MultiLayerNetwork net = sequenceNet(DataType.FLOAT, 128, 64, 10);
        assertEquals(3L * 64 * (128 + 64 + 1), net.getLayer(0).numParams());
    }

    /** Label 1 when the first number of a sequence is larger than the last: only memory can tell. */
    private static DataSet firstAgainstLast(int n, int steps, long seed) {
        Random random = new Random(seed);
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, 1, steps);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < steps; t++) {
                x.putScalar(i, 0, t, random.nextFloat());
            }
            y.putScalar(i, x.getFloat(i, 0, 0) > x.getFloat(i, 0, steps - 1) ? 1 : 0, 1);
        }
        return new DataSet(x, y);
    }

    @Test
    void learnsATaskThatNeedsMemoryAndSurvivesSaving() throws Exception {
        int steps = 6;
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(3)
                .updater(new Adam(0.01))
                .list()
                .layer(new Gru.Builder().nOut(16).returnSequences(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(1, steps))
                .build());
        net.init();
        DataSet train = firstAgainstLast(600, steps, 1);
        DataSet test = firstAgainstLast(300, steps, 2);
        for (int epoch = 0; epoch < 15; epoch++) {
            for (DataSet batch : train.batchBy(50)) {
                net.fit(batch);
            }
        }
        double accuracy = net.output(test.getFeatures()).argMax(1).eq(test.getLabels().argMax(1))
                .castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertTrue(accuracy > 0.9, "a GRU remembers the first number: accuracy " + accuracy + " (guessing: 0.5)");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(net.output(test.getFeatures()), loaded.output(test.getFeatures()), "the loaded network answers as the saved one");
    }

    @Test
    void explainsWrongUse() {
        IllegalArgumentException noUnits = assertThrows(IllegalArgumentException.class, () -> new Gru.Builder().build());
        assertTrue(noUnits.getMessage().contains("nOut"), noUnits.getMessage());
        var unknownLength = new NeuralNetConfiguration.Builder().list()
                .layer(new Gru.Builder().nOut(4).build())
                .layer(new RnnOutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.recurrent(3));
        IllegalArgumentException noSteps = assertThrows(IllegalArgumentException.class, unknownLength::build);
        assertTrue(noSteps.getMessage().contains("known number of steps"), noSteps.getMessage());
    }
}
