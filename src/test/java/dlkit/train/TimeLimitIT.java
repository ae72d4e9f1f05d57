package dlkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class TimeLimitIT {

    @Test
    void trainingStopsOnceTheBudgetIsSpent() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
                .list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(64).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        Nd4j.getRandom().setSeed(3);
        var features = Nd4j.rand(DataType.FLOAT, 512, 20);
        var labels = Nd4j.zeros(DataType.FLOAT, 512, 2);
        for (int i = 0; i < 512; i++) {
            labels.putScalar(i, i % 2, 1.0);
        }
        DataSetIterator data = new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(
                new DataSet(features, labels).asList(), 16);

        long start = System.nanoTime();
        History history = Learner.fit(net, data, FitOptions.epochs(1_000_000).quiet().callbacks(TimeLimit.seconds(1)));
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(StopReason.STOPPED_EARLY, history.stop());
        assertTrue(history.message().contains("the time limit of 1 s was reached in epoch"), history.message());
        assertTrue(history.epochCount() >= 1 && history.epochCount() < 1_000_000);
        assertTrue(seconds >= 1 && seconds < 30, "stopped after " + seconds + " s");
    }

    @Test
    void aBudgetMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> TimeLimit.seconds(0));
        assertThrows(IllegalArgumentException.class, () -> TimeLimit.seconds(Double.NaN));
    }
}
