package dlkit.ethics;

import static dlkit.ethics.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Grad-CAM on real DL4J networks: against CAM where the two must agree, and on images whose evidence is known. */
class GradCamIT {

    /**
     * With global average pooling straight into the output layer, Grad-CAM is CAM (Zhou et al., 2016) divided by
     * the map's area: the gradient of a class score on every position of map k is w[k, class] / area.
     */
    @Test
    void withGlobalAveragePoolingItIsClassActivationMapping() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build());
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, 8, 8).subi(0.3);
        int[] classes = {2, 0};

        INDArray maps = Explanations.gradCam(net, x, classes);

        INDArray features = net.feedForward(x, false).get(1);    // [2, 4, 6, 6]
        INDArray w = net.getLayer(2).getParam("W");               // [4, 3]
        assertArrayEquals(new long[]{2, 6, 6}, maps.shape());
        for (int i = 0; i < 2; i++) {
            for (int r = 0; r < 6; r++) {
                for (int c = 0; c < 6; c++) {
                    double cam = 0;
                    for (int k = 0; k < 4; k++) {
                        cam += w.getDouble(k, classes[i]) * features.getDouble(i, k, r, c);
                    }
                    assertEquals(Math.max(0, cam) / 36, maps.getDouble(i, r, c), 1e-12, "row " + i + " at " + r + "," + c);
                }
            }
        }
    }

    /**
     * 16x16 images with a bar of 6 pixels, horizontal (class 0) or vertical (class 1), and a 2x2 dot that both
     * classes have, each at a random place; {@code centres[i]} gets {bar row, bar column, dot row, dot column}.
     */
    private static DataSet bars(int n, long seed, double[][] centres) {
        Random random = new Random(seed);
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, 1, 16, 16);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            int cls = i % 2;
            int r = 3 + random.nextInt(8);
            int c = 3 + random.nextInt(8);
            for (int k = 0; k < 6; k++) {
                x.putScalar(new long[]{i, 0, cls == 0 ? r : r + k, cls == 0 ? c + k : c}, 1.0);
            }
            double barRow = cls == 0 ? r : r + 2.5;
            double barCol = cls == 0 ? c + 2.5 : c;
            int dr;
            int dc;
            do {
                dr = 2 + random.nextInt(11);
                dc = 2 + random.nextInt(11);
            } while (Math.hypot(dr + 0.5 - barRow, dc + 0.5 - barCol) < 6);
            for (int k = 0; k < 4; k++) {
                x.putScalar(new long[]{i, 0, dr + k / 2, dc + k % 2}, 1.0);
            }
            y.putScalar(i, cls, 1.0);
            if (centres != null) {
                centres[i] = new double[]{barRow, barCol, dr + 0.5, dc + 0.5};
            }
        }
        return new DataSet(x, y);
    }

    @Test
    void theMapLiesOnTheEvidenceNotOnWhatBothClassesShare() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(11).updater(new Adam(1e-2))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).dropOut(0.8).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(16, 16, 1))
                .build());
        net.init();
        DataSet train = bars(512, 1, null);
        for (int i = 0; i < 80; i++) {
            net.fit(train);
        }
        double[][] centres = new double[40][];
        DataSet test = bars(40, 2, centres);
        int[] truth = new int[40];
        for (int i = 0; i < 40; i++) {
            truth[i] = i % 2;
        }
        INDArray predicted = net.output(test.getFeatures()).argMax(1);
        int right = 0;
        for (int i = 0; i < 40; i++) {
            right += truth[i] == predicted.getInt(i) ? 1 : 0;
        }
        assertTrue(right >= 38, "the network learned the task: " + right + " of 40");

        INDArray maps = Explanations.gradCam(net, test.getFeatures(), truth);   // the last convolution: 5x5
        INDArray again = Explanations.gradCam(net, test.getFeatures(), truth);

        assertArrayEquals(new long[]{40, 5, 5}, maps.shape());
        assertEquals(maps, again, "no dropout in the explanation: the same maps twice");
        int onTheBar = 0;
        for (int i = 0; i < 40; i++) {
            int peak = maps.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).reshape(25).argMax(0).getInt(0);
            // Cell s of the 5x5 map is centred on input pixel 2s + 3.5 (two 3x3 convolutions and a 2x2 pooling).
            double row = 2 * (peak / 5) + 3.5;
            double col = 2 * (peak % 5) + 3.5;
            double toBar = Math.hypot(row - centres[i][0], col - centres[i][1]);
            double toDot = Math.hypot(row - centres[i][2], col - centres[i][3]);
            onTheBar += toBar < toDot ? 1 : 0;
        }
        assertTrue(onTheBar >= 34, onTheBar + " of 40 maps peak nearer the bar than the dot");

        int[] other = new int[40];
        for (int i = 0; i < 40; i++) {
            other[i] = 1 - truth[i];
        }
        assertTrue(!Explanations.gradCam(net, test.getFeatures(), other).equals(maps), "another class, another map");
    }

    @Test
    void badRequestsAreRefused() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 1))
                .build());
        net.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 6, 6);
        assertArrayEquals(new long[]{2, 4, 4}, Explanations.gradCam(net, x, new int[]{0, 2}).shape(),
                "a network that never trained has maps too");
        assertFails(IllegalArgumentException.class, () -> Explanations.gradCam(net, x, new int[]{0}), "1 classes for 2 inputs");
        assertFails(IllegalArgumentException.class, () -> Explanations.gradCam(net, x, new int[]{0, 3}), "class 3", "0..2");
        assertFails(IllegalArgumentException.class, () -> Explanations.gradCam(net, x, new int[]{0, 1}, 1), "not feature maps");
        assertFails(IllegalArgumentException.class, () -> Explanations.gradCam(net, x, new int[]{0, 1}, 2), "layer 2", "0..1");

        MultiLayerNetwork dense = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2).activation(Activation.SOFTMAX).build())
                .build());
        dense.init();
        assertFails(IllegalArgumentException.class, () -> Explanations.gradCam(dense, Nd4j.rand(1, 4), new int[]{0}),
                "no convolution layer", "integratedGradients");
    }
}
