package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The arrays these tools make are what DL4J's layers take: tiny networks train on each, one epoch. */
class NetworkShapesIT {

    private static MultiLayerNetwork network(NeuralNetConfiguration.ListBuilder layers) {
        MultiLayerConfiguration conf = layers.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.01)).dataType(DataType.FLOAT);
    }

    @Test
    void preprocessedTablesFeedADenseNetwork() {
        FittedPreprocessor prep = Preprocessor.target("kind").oneHot("colour").standardize().fit(Fixtures.animals());
        MultiLayerNetwork net = network(base().list()
                .layer(new DenseLayer.Builder().nIn(prep.numInputs()).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(prep.numOutputs())
                        .activation(Activation.SOFTMAX).build()));

        net.fit(prep.iterator(Fixtures.animals(), 4, 1));

        assertArrayEquals(new long[]{12, 3}, net.output(prep.features(Fixtures.animals())).shape());
    }

    @Test
    void windowsFeedALastTimeStepLstm() {
        double[] series = new double[40];
        for (int i = 0; i < series.length; i++) {
            series[i] = Math.sin(i / 3.0);
        }
        DataSet windows = Windows.of(series, 6, 2);
        MultiLayerNetwork net = network(base().list()
                .layer(new LastTimeStep(new LSTM.Builder().nIn(1).nOut(5).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(1, 6)));

        net.fit(Batches.shuffled(windows, 8, 1));

        assertArrayEquals(new long[]{1, 2}, net.output(Windows.latest(series, 6)).shape());
    }

    @Test
    void paddedSequencesFeedAnEmbeddingSequenceLayer() {
        Vocabulary vocabulary = Tokenizer.fit(List.of("good tea", "bad tea", "very good"), 10);
        List<int[]> encoded = vocabulary.encodeAll(List.of("good tea", "bad tea", "very good"));
        INDArray batch = Sequences.batch(encoded, 4);
        MultiLayerNetwork net = network(base().list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(vocabulary.size()).nOut(3).inputLength(4).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build()));

        net.fit(new DataSet(batch, Nd4j.createFromArray(new float[][]{{1, 0}, {0, 1}, {1, 0}})));

        assertArrayEquals(new long[]{3, 2}, net.output(batch).shape());
    }

    @Test
    void augmentedBatchesFeedAConvolutionalNetwork() {
        INDArray images = Nd4j.rand(DataType.FLOAT, 6, 64);
        INDArray labels = Nd4j.eye(6).getColumns(0, 1).castTo(DataType.FLOAT);
        MultiLayerNetwork net = network(base().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(8, 8, 1)));
        INDArray before = net.params().dup();

        net.fit(Augmenter.of(3).rotate(10).shift(1).augmenting(Batches.of(new DataSet(images, labels), 3), 8, 8));

        assertFalse(before.equals(net.params()), "the network learned from the augmented batches");
        assertTrue(net.getLayer(0).getParam("W").rank() == 4);
    }
}
