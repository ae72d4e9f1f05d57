package dlkit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import dlkit.train.FitOptions;
import dlkit.train.Learner;
import dlkit.train.Metric;

/** A search that trains real DL4J networks through Learner. */
class SearchIT {

    /** Two Gaussian blobs in 2-D: points around (-1,-1) are class 0, around (1,1) class 1. */
    private static DataSet blobs(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.randn(DataType.FLOAT, n, 2).mul(0.6);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            features.getRow(i).addi(i % 2 == 0 ? -1 : 1);
            labels.putScalar(i, i % 2, 1);
        }
        return new DataSet(features, labels);
    }

    private static MultiLayerNetwork network(Trial trial) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7)
                .updater(new Sgd(trial.getDouble("learningRate")))
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(trial.getInt("units")).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(trial.getInt("units")).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void aGridSearchOverRealTrainingFindsTheLearningRateThatLearns() {
        DataSet train = blobs(200, 1);
        DataSet validation = blobs(100, 2);
        SearchSpace space = SearchSpace.of().values("learningRate", 1e-4, 0.1).values("units", 4, 8);

        SearchResults results = Search.grid(space).quiet().run(Metric.VAL_ACCURACY, trial ->
                Learner.fit(network(trial), new ViewIterator(train, 20),
                        FitOptions.epochs(5).validation(validation).metrics(Metric.VAL_ACCURACY).quiet()));

        assertEquals(4, results.size());
        assertEquals(0.1, results.best().trial().getDouble("learningRate"));
        assertTrue(results.best().score() > 0.9, "best validation accuracy " + results.best().score());
        assertTrue(results.best().epoch() >= 1 && results.best().epoch() <= 5);
        assertEquals(5, results.best().history().epochCount());
        assertTrue(results.best().seconds() > 0);
    }

    @Test
    void theSameSeedGivesTheSameScores() {
        DataSet train = blobs(100, 3);
        DataSet validation = blobs(60, 4);
        SearchSpace space = SearchSpace.of().logRange("learningRate", 1e-3, 0.3).intRange("units", 2, 8);
        Search search = Search.random(space, 3, 11).quiet();

        double[] first = search.run(Metric.VAL_LOSS, trial -> Learner.fit(network(trial), new ViewIterator(train, 20),
                FitOptions.epochs(2).validation(validation).quiet())).inOrderRun().stream().mapToDouble(TrialResult::score).toArray();
        double[] second = search.run(Metric.VAL_LOSS, trial -> Learner.fit(network(trial), new ViewIterator(train, 20),
                FitOptions.epochs(2).validation(validation).quiet())).inOrderRun().stream().mapToDouble(TrialResult::score).toArray();

        assertEquals(3, first.length);
        for (int i = 0; i < first.length; i++) {
            assertEquals(first[i], second[i], 1e-6);
        }
    }
}
