package dlkit.eval;

import static dlkit.eval.PredictionsTest.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Predictions from ND4J arrays and from networks: needs the native backend. */
class PredictionsIT {

    private static final List<String> YES_NO = List.of("no", "yes");

    private static INDArray doubles(double[][] values) {
        return Nd4j.createFromArray(values).castTo(DataType.DOUBLE);
    }

    @Test
    void oneHotLabelsAndSoftmaxOutputs() {
        INDArray labels = doubles(new double[][]{{1, 0, 0}, {0, 0, 1}, {0, 1, 0}});
        double[][] probabilities = {{0.7, 0.2, 0.1}, {0.1, 0.6, 0.3}, {0.2, 0.2, 0.6}};

        Predictions p = Predictions.from(labels, doubles(probabilities), Fixtures.ANIMALS);

        assertEquals(Predictions.of(new int[]{0, 2, 1}, probabilities, Fixtures.ANIMALS), p);
        assertArrayEquals(new int[]{0, 1, 2}, p.predicted());
    }

    @Test
    void classIndexLabelsAsAVectorOrAColumn() {
        double[][] probabilities = {{0.7, 0.2, 0.1}, {0.1, 0.6, 0.3}};
        Predictions expected = Predictions.of(new int[]{2, 1}, probabilities, Fixtures.ANIMALS);

        assertEquals(expected, Predictions.from(Nd4j.createFromArray(2, 1), doubles(probabilities), Fixtures.ANIMALS));
        assertEquals(expected, Predictions.from(doubles(new double[][]{{2}, {1}}), doubles(probabilities), Fixtures.ANIMALS));
    }

    @Test
    void oneSigmoidOutputIsTheProbabilityOfClassOne() {
        INDArray labels = doubles(new double[][]{{1}, {0}, {0}});
        INDArray outputs = doubles(new double[][]{{0.9}, {0.25}, {0.5}});

        Predictions p = Predictions.from(labels, outputs, YES_NO);

        assertArrayEquals(new double[]{0.1, 0.9}, p.probabilities()[0], 1e-15);
        assertArrayEquals(new double[]{0.75, 0.25}, p.probabilities()[1]);
        // 0.5 against 0.5 is a tie: class 0 by argmax; withThreshold(0.5) calls it 1
        assertArrayEquals(new int[]{1, 0, 0}, p.predicted());
        assertArrayEquals(new int[]{1, 0, 1}, p.withThreshold(0.5).predicted());
        // a plain vector of outputs works too
        assertEquals(p, Predictions.from(labels, Nd4j.createFromArray(0.9, 0.25, 0.5), YES_NO));
    }

    @Test
    void aSigmoidOutputOutsideZeroToOneIsRefusedNotTurnedIntoNegativeProbabilities() {
        INDArray labels = doubles(new double[][]{{1}, {0}});
        refused(() -> Predictions.from(labels, doubles(new double[][]{{0.9}, {1.7}}), YES_NO),
                "the output of row 1 is 1.7, not a probability in [0, 1]", "Activation.SIGMOID", "P('yes')");
        refused(() -> Predictions.from(labels, doubles(new double[][]{{-0.2}, {0.5}}), YES_NO),
                "the output of row 0 is -0.2");
    }

    @Test
    void float32SoftmaxOutputsAreProbabilities() {
        Nd4j.getRandom().setSeed(3);
        INDArray outputs = Transforms.softmax(Nd4j.randn(DataType.FLOAT, 500, 10).muli(8));
        INDArray labels = Nd4j.createFromArray(new int[500]);

        Predictions p = Predictions.from(labels, outputs, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));

        assertEquals(500, p.size());
        assertArrayEquals(outputs.argMax(1).toIntVector(), p.predicted());
    }

    @Test
    void outputsThatAreNotProbabilitiesAreRefused() {
        INDArray labels = Nd4j.createFromArray(0, 1);
        refused(() -> Predictions.from(labels, doubles(new double[][]{{2.5, -1.0, 0.3}, {0.1, 0.8, 0.1}}),
                Fixtures.ANIMALS), "row 0 gives class 0 'cat' the probability 2.5, outside [0, 1]");
        refused(() -> Predictions.from(labels, doubles(new double[][]{{0.9, 0.8, 0.1}, {0.1, 0.8, 0.1}}),
                Fixtures.ANIMALS), "the probabilities of row 0 sum to 1.8, not 1");
    }

    @Test
    void labelsThatAreNotClassesAreRefused() {
        INDArray outputs = doubles(new double[][]{{0.7, 0.2, 0.1}, {0.1, 0.6, 0.3}});
        refused(() -> Predictions.from(doubles(new double[][]{{1, 0, 0}, {0, 1, 1}}), outputs, Fixtures.ANIMALS),
                "label of row 1 is [0.0, 1.0, 1.0], not one-hot", "exactly one 1");
        refused(() -> Predictions.from(Nd4j.createFromArray(0.0, 1.5), outputs, Fixtures.ANIMALS),
                "label of row 1 is 1.5, not a class index", "0..2");
        refused(() -> Predictions.from(Nd4j.createFromArray(0, 3), outputs, Fixtures.ANIMALS),
                "row 1 has label 3", "labels must be 0..2");
        refused(() -> Predictions.from(doubles(new double[][]{{1, 0}, {0, 1}}), outputs, Fixtures.ANIMALS),
                "labels have 2 columns", "one column per class");
    }

    @Test
    void outputsOfTheWrongShapeAreRefused() {
        INDArray labels = Nd4j.createFromArray(0, 1);
        refused(() -> Predictions.from(labels, doubles(new double[][]{{0.5, 0.5}, {0.1, 0.9}}), Fixtures.ANIMALS),
                "outputs have shape [2, 2] for 3 classes", "one unit per class (3)");
        refused(() -> Predictions.from(labels, Nd4j.zeros(DataType.FLOAT, 2, 3, 4), Fixtures.ANIMALS),
                "outputs have shape [2, 3, 4]", "reshape time steps into rows");
        refused(() -> Predictions.from(labels, doubles(new double[][]{{0.5, Double.NaN, 0}, {0.1, 0.8, 0.1}}),
                Fixtures.ANIMALS), "row 0 are NaN");
    }

    /** Ten examples of four features, three classes, in batches of three (the last one short). */
    private static DataSet data() {
        Nd4j.getRandom().setSeed(7);
        INDArray features = Nd4j.rand(DataType.FLOAT, 10, 4);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 10, 3);
        for (int i = 0; i < 10; i++) {
            labels.putScalar(i, i % 3, 1.0);
        }
        return new DataSet(features, labels);
    }

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    private static void assertSameAsOutput(Predictions p, DataSet data, INDArray output) {
        assertEquals(10, p.size());
        assertArrayEquals(new int[]{0, 1, 2, 0, 1, 2, 0, 1, 2, 0}, p.truth());
        double[][] expected = output.toDoubleMatrix();
        for (int row = 0; row < 10; row++) {
            assertArrayEquals(expected[row], p.probabilities()[row], 1e-6, "row " + row);
        }
        assertArrayEquals(output.argMax(1).toIntVector(), p.predicted());
    }

    @Test
    void aNetworkIsRunOverTheWholeIteratorFromTheStart() {
        DataSet data = data();
        MultiLayerNetwork net = network();
        DataSetIterator iterator = new ListDataSetIterator<>(data.asList(), 3);
        while (iterator.hasNext()) {
            iterator.next(); // used up: Predictions.of must reset it
        }

        Predictions p = Predictions.of(net, iterator, Fixtures.ANIMALS);

        assertSameAsOutput(p, data, net.output(data.getFeatures()));
    }

    @Test
    void aComputationGraphIsRunOverTheWholeIterator() {
        DataSet data = data();
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out")
                .build());
        graph.init();

        Predictions p = Predictions.of(graph, new ListDataSetIterator<>(data.asList(), 4), Fixtures.ANIMALS);

        assertSameAsOutput(p, data, graph.outputSingle(data.getFeatures()));
    }

    @Test
    void aGraphWithTwoOutputsIsRefused() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in")
                .addLayer("a", new OutputLayer.Builder().nIn(4).nOut(3).activation(Activation.SOFTMAX).build(), "in")
                .addLayer("b", new OutputLayer.Builder().nIn(4).nOut(3).activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("a", "b")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();

        refused(() -> Predictions.of(graph, new ListDataSetIterator<>(data().asList(), 4), Fixtures.ANIMALS),
                "the graph has 2 outputs [a, b]", "exactly one");
    }

    @Test
    void anEmptyIteratorOrAMismatchedNetworkIsRefused() {
        MultiLayerNetwork net = network();
        refused(() -> Predictions.of(net, new ListDataSetIterator<>(List.<DataSet>of(), 3), Fixtures.ANIMALS),
                "the iterator gave no examples");
        // two-class labels, but the network has three output units
        DataSet twoClasses = new DataSet(Nd4j.rand(DataType.FLOAT, 4, 4),
                Nd4j.createFromArray(new float[][]{{1, 0}, {0, 1}, {1, 0}, {0, 1}}));
        refused(() -> Predictions.of(net, new ListDataSetIterator<>(twoClasses.asList(), 3), YES_NO),
                "outputs have shape [3, 3] for 2 classes [no, yes]", "one unit per class (2)");
    }
}
