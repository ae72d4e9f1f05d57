package dlkit.ethics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Saliency and permutation importance on real DL4J networks (needs the native backend). */
class ExplanationsIT {

    private static MultiLayerNetwork net(LossFunctions.LossFunction loss, Activation out) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(loss).nIn(5).nOut(3).activation(out).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void saliencyIsTheGradientOfTheLogProbabilityOfTheClass() {
        MultiLayerNetwork net = net(LossFunctions.LossFunction.MCXENT, Activation.SOFTMAX);
        INDArray x = Nd4j.createFromArray(new double[][]{{0.5, -1.0, 2.0, 0.1}, {-0.3, 0.8, 0.0, 1.5}});
        int[] classes = {2, 0};
        INDArray gradient = Explanations.logProbabilityGradient(net, x, classes);
        assertArrayEquals(x.shape(), gradient.shape());
        double h = 1e-6;
        for (int row = 0; row < 2; row++) {
            for (int j = 0; j < 4; j++) {
                INDArray plus = x.getRow(row, true).dup();
                INDArray minus = plus.dup();
                plus.putScalar(0, j, plus.getDouble(0, j) + h);
                minus.putScalar(0, j, minus.getDouble(0, j) - h);
                double numeric = (Math.log(net.output(plus).getDouble(0, classes[row]))
                        - Math.log(net.output(minus).getDouble(0, classes[row]))) / (2 * h);
                assertEquals(numeric, gradient.getDouble(row, j), 1e-6, "row " + row + ", input " + j);
            }
        }
        INDArray saliency = Explanations.saliency(net, x, classes);
        assertEquals(Math.abs(gradient.getDouble(1, 2)), saliency.getDouble(1, 2), 1e-12);
        double[][][] images = Explanations.toImages(saliency, 2, 2);
        assertEquals(1.0, java.util.Arrays.stream(images[0]).flatMapToDouble(java.util.Arrays::stream).max().orElse(0), 1e-12);
    }

    @Test
    void saliencyRefusesLossesItCannotReadAsLogProbabilities() {
        MultiLayerNetwork mse = net(LossFunctions.LossFunction.MSE, Activation.IDENTITY);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Explanations.saliency(mse, x, new int[]{0}));
        assertTrue(e.getMessage().contains("needs cross-entropy"), e.getMessage());
        MultiLayerNetwork ok = net(LossFunctions.LossFunction.MCXENT, Activation.SOFTMAX);
        e = assertThrows(IllegalArgumentException.class, () -> Explanations.saliency(ok, x, new int[]{3}));
        assertTrue(e.getMessage().contains("class 3 of row 0 is outside the 3 outputs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Explanations.saliency(ok, x, new int[]{0, 1}));
        assertTrue(e.getMessage().contains("2 classes for 1 inputs"), e.getMessage());
    }

    @Test
    void permutationImportanceRunsOnANetwork() {
        MultiLayerNetwork net = net(LossFunctions.LossFunction.MCXENT, Activation.SOFTMAX);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 50, 4);
        INDArray labels = net.output(x);
        // Labels are the network's own answers: accuracy 1, and every drop is at least 0.
        INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, 50, 3);
        int[] best = labels.argMax(1).toIntVector();
        for (int i = 0; i < 50; i++) {
            oneHot.putScalar(i, best[i], 1.0);
        }
        DataSet data = new DataSet(x, oneHot);
        List<FeatureImportance> result = Explanations.permutationImportance(net, data, List.of("a", "b", "c", "d"), 3, 1);
        assertEquals(4, result.size());
        for (FeatureImportance f : result) {
            assertTrue(f.importance() >= 0, f.toString());
        }
    }

    @Test
    void integratedGradientsAddUpToTheChangeInLogProbability() {
        MultiLayerNetwork net = net(LossFunctions.LossFunction.MCXENT, Activation.SOFTMAX);
        INDArray x = Nd4j.createFromArray(new double[][]{{0.5, -1.0, 2.0, 0.1}, {-0.3, 0.8, 0.0, 1.5}});
        INDArray baseline = Nd4j.createFromArray(new double[][]{{0.0, 0.0, 0.0, 1.5}});
        int[] classes = {2, 0};
        INDArray attributions = Explanations.integratedGradients(net, x, classes, baseline, 256);
        double[] at = Explanations.logProbability(net, x, classes);
        double[] from = Explanations.logProbability(net, Nd4j.vstack(baseline, baseline), classes);
        for (int row = 0; row < 2; row++) {
            double sum = attributions.getRow(row).sumNumber().doubleValue();
            assertEquals(at[row] - from[row], sum, 1e-4 * Math.abs(at[row] - from[row]) + 1e-9, "row " + row);
        }
        assertEquals(0.0, attributions.getDouble(1, 3), 0.0, "an input equal to its baseline contributes nothing");
        assertThrows(IllegalArgumentException.class, () -> Explanations.integratedGradients(net, x, classes, baseline, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Explanations.integratedGradients(net, x, classes, Nd4j.zeros(1, 3), 8));
    }

    @Test
    void integratedGradientsOfAConvolutionalNetworkSumWithinOnePercent() {
        MultiLayerNetwork cnn = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new org.nd4j.linalg.learning.config.Adam(3e-3)).list()
                .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(
                        org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutionalFlat(28, 28, 1))
                .build());
        cnn.init();
        var mnist = dlkit.data.Datasets.mnist();
        DataSet train = mnist.train().first(500).toDataSet();
        train.setFeatures(train.getFeatures().castTo(DataType.DOUBLE));
        train.setLabels(train.getLabels().castTo(DataType.DOUBLE));
        for (int epoch = 0; epoch < 3; epoch++) {
            cnn.fit(train);
        }
        INDArray digits = mnist.test().first(4).features().castTo(DataType.DOUBLE);
        int[] predicted = cnn.predict(digits);
        INDArray attributions = Explanations.integratedGradients(cnn, digits, predicted, null, 128);
        double[] at = Explanations.logProbability(cnn, digits, predicted);
        double[] from = Explanations.logProbability(cnn, Nd4j.zeros(DataType.DOUBLE, 4, 784), predicted);
        for (int row = 0; row < 4; row++) {
            double sum = attributions.getRow(row).sumNumber().doubleValue();
            double change = at[row] - from[row];
            assertEquals(change, sum, 0.01 * Math.abs(change), "digit " + row + ": attributions sum to the change in log P");
        }
    }

    @Test
    void dropoutStaysOffButBatchNormalizationIsRefused() {
        MultiLayerNetwork dropout = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(50).activation(Activation.TANH).dropOut(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(50).nOut(3).activation(Activation.SOFTMAX).build())
                .build());
        dropout.init();
        INDArray x = Nd4j.createFromArray(new double[][]{{0.5, -1.0, 2.0, 0.1}});
        INDArray alone = Explanations.logProbabilityGradient(dropout, x, new int[]{2});
        assertTrue(alone.equalsWithEps(Explanations.logProbabilityGradient(dropout, x, new int[]{2}), 1e-12), "no units dropped");

        MultiLayerNetwork normalized = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(50).activation(Activation.TANH).build())
                .layer(new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().nOut(50).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(50).nOut(3).activation(Activation.SOFTMAX).build())
                .build());
        normalized.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Explanations.saliency(normalized, x, new int[]{2}));
        assertTrue(e.getMessage().contains("batch normalization"), e.getMessage());
    }
}
