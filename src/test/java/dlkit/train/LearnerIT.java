package dlkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class LearnerIT {

    private final DataSet train = TrainFixtures.blobs(200, 1);
    private final DataSet validation = TrainFixtures.blobs(100, 2);

    private History fit(MultiLayerNetwork net, FitOptions options) {
        return Learner.fit(net, TrainFixtures.iterator(train, 32), options.quiet());
    }

    @Test
    void recordsFallingLossAndValidationMetricsPerEpoch() {
        History history = fit(TrainFixtures.classifier(),
                FitOptions.epochs(5).validation(validation).metrics(Metric.ACCURACY, Metric.VAL_ACCURACY));
        assertEquals(5, history.epochCount());
        assertEquals(StopReason.COMPLETED, history.stop());
        double[] loss = history.values(Metric.LOSS);
        assertTrue(loss[4] < loss[0], "loss should fall: " + history);
        assertTrue(history.last(Metric.VAL_ACCURACY) > 0.9, history.toString());
        assertTrue(history.last(Metric.ACCURACY) > 0.9, history.toString());
        assertTrue(history.epochs().stream().allMatch(e -> e.millis() >= 0));
    }

    @Test
    void seededRunsGiveIdenticalNumbers() {
        History first = fit(TrainFixtures.classifier(), FitOptions.epochs(3).validation(validation));
        History second = fit(TrainFixtures.classifier(), FitOptions.epochs(3).validation(validation));
        assertArrayEquals(first.values(Metric.LOSS), second.values(Metric.LOSS));
        assertArrayEquals(first.values(Metric.VAL_LOSS), second.values(Metric.VAL_LOSS));
    }

    @Test
    void matchesDl4jsOwnFitExactly() {
        MultiLayerNetwork ours = TrainFixtures.classifier();
        MultiLayerNetwork plain = TrainFixtures.classifier();
        fit(ours, FitOptions.epochs(2));
        var iterator = TrainFixtures.iterator(train, 32);
        for (int epoch = 0; epoch < 2; epoch++) {
            iterator.reset();
            while (iterator.hasNext()) {
                plain.fit(iterator.next());
            }
        }
        assertEquals(plain.params(), ours.params());
    }

    @Test
    void earlyStoppingStopsByFlagAndRestoresTheBestWeights() {
        // The blobs are easy: after the first epoch the validation loss improves by less than minDelta.
        MultiLayerNetwork net = TrainFixtures.classifier();
        List<INDArray> paramsPerEpoch = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onEpochEnd(TrainingContext context, EpochResult result) {
                paramsPerEpoch.add(context.copyOfParams());
            }
        };
        EarlyStopping stopper = EarlyStopping.monitor(Metric.VAL_LOSS).patience(2).minDelta(0.01);
        History history = fit(net, FitOptions.epochs(40).validation(validation).callbacks(recorder, stopper));
        assertEquals(StopReason.STOPPED_EARLY, history.stop(), history.toString());
        assertTrue(history.epochCount() < 40);
        // With minDelta, the best epoch is the last one that improved by more than minDelta (as in Keras).
        int best = stopper.bestEpoch();
        assertEquals(history.epochCount() - 2, best);
        assertEquals(best, history.bestEpoch());
        assertEquals(best, stopper.restoredEpoch());
        assertEquals(paramsPerEpoch.get(best - 1), net.params());
        assertTrue(history.message().contains("val_loss did not improve for 2 epochs"), history.message());
        assertTrue(history.message().contains("weights of epoch " + best + " restored"), history.message());
    }

    @Test
    void aDivergingLossStopsWithAClearMessageAndTheEpochsStartWeights() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).updater(new Sgd(1e6))
                .list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(2)
                        .activation(Activation.IDENTITY).build()).build());
        net.init();
        INDArray before = net.params().dup();
        History history = fit(net, FitOptions.epochs(5));
        assertEquals(StopReason.DIVERGED, history.stop());
        assertEquals(0, history.epochCount());
        assertTrue(history.message().contains("Lower the learning rate"), history.message());
        assertTrue(history.message().matches(".*the loss became (NaN|Infinity|-Infinity) in epoch 1, batch \\d+.*"),
                history.message());
        assertEquals(before, net.params());
    }

    @Test
    void anInterruptStopsBetweenBatchesAndLeavesTheNetworkUsable() {
        MultiLayerNetwork net = TrainFixtures.classifier();
        Callback interrupter = new Callback() {
            @Override
            public void onBatchEnd(TrainingContext context, int batch, double loss) {
                if (context.epoch() == 2 && batch == 3) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        History history = fit(net, FitOptions.epochs(10).callbacks(interrupter));
        assertTrue(Thread.interrupted(), "the interrupt flag stays set for the caller");
        assertEquals(StopReason.INTERRUPTED, history.stop());
        assertEquals(1, history.epochCount());
        assertTrue(history.message().contains("after 3 batches"), history.message());
        INDArray output = net.output(train.getFeatures());
        assertEquals(200, output.rows());
        assertFalse(Double.isNaN(output.sumNumber().doubleValue()));
    }

    @Test
    void anInterruptFromAnotherThreadEndsTrainingWithinSeconds() throws InterruptedException {
        MultiLayerNetwork net = TrainFixtures.classifier();
        AtomicReference<History> result = new AtomicReference<>();
        Thread worker = new Thread(() -> result.set(fit(net, FitOptions.epochs(1_000_000))));
        worker.start();
        Thread.sleep(300);
        long start = System.nanoTime();
        worker.interrupt();
        worker.join(5_000);
        assertFalse(worker.isAlive(), "training should stop within seconds of an interrupt");
        assertTrue((System.nanoTime() - start) / 1e9 < 5);
        assertEquals(StopReason.INTERRUPTED, result.get().stop());
    }

    @Test
    void anExceptionInACallbackNamesTheCallbackAndTheEvent() {
        class Broken implements Callback {
            @Override
            public void onEpochEnd(TrainingContext context, EpochResult result) {
                throw new IllegalStateException("boom");
            }
        }
        CallbackException e = assertThrows(CallbackException.class,
                () -> fit(TrainFixtures.classifier(), FitOptions.epochs(2).callbacks(new Broken())));
        assertTrue(e.getMessage().contains("Callback Broken failed in onEpochEnd (epoch 1)"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void earlyStoppingWithoutValidationSaysToPassAValidationSet() {
        CallbackException e = assertThrows(CallbackException.class, () -> fit(TrainFixtures.classifier(),
                FitOptions.epochs(2).callbacks(EarlyStopping.monitor(Metric.VAL_LOSS))));
        assertTrue(e.getMessage().contains("val_loss"), e.getMessage());
        assertTrue(e.getMessage().contains("FitOptions.validation"), e.getMessage());
    }

    @Test
    void anUninitialisedNetworkIsRefusedWithTheFix() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2).nOut(2)
                        .activation(Activation.SOFTMAX).build()).build());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fit(net, FitOptions.epochs(1)));
        assertTrue(e.getMessage().contains("call net.init()"), e.getMessage());
    }

    @Test
    void emptyTrainingDataIsRefused() {
        DataSet one = TrainFixtures.blobs(2, 3);
        var iterator = TrainFixtures.iterator(one, 2);
        iterator.next();
        var drained = new org.nd4j.linalg.dataset.api.iterator.DataSetIterator() {
            public boolean hasNext() { return false; }
            public DataSet next() { throw new java.util.NoSuchElementException(); }
            public DataSet next(int num) { throw new java.util.NoSuchElementException(); }
            public int inputColumns() { return 2; }
            public int totalOutcomes() { return 2; }
            public boolean resetSupported() { return false; }
            public boolean asyncSupported() { return false; }
            public void reset() { }
            public int batch() { return 2; }
            public void setPreProcessor(org.nd4j.linalg.dataset.api.DataSetPreProcessor p) { }
            public org.nd4j.linalg.dataset.api.DataSetPreProcessor getPreProcessor() { return null; }
            public List<String> getLabels() { return null; }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learner.fit(TrainFixtures.classifier(), drained, FitOptions.epochs(1).quiet()));
        assertTrue(e.getMessage().contains("no batches in epoch 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Learner.fit(TrainFixtures.classifier(), null, 1));
    }

    @Test
    void trainsAComputationGraphToo() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(7).updater(new Sgd(0.1)).graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(2).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build());
        graph.init();
        History history = Learner.fit(graph, TrainFixtures.iterator(train, 32),
                FitOptions.epochs(4).validation(validation).metrics(Metric.VAL_ACCURACY).quiet());
        assertTrue(history.last(Metric.VAL_ACCURACY) > 0.9, history.toString());
    }

    @Test
    void aLearningRateScheduleIsAppliedAndRecorded() {
        History history = fit(TrainFixtures.classifier(),
                FitOptions.epochs(4).callbacks(LearningRates.step(0.1, 0.5, 2)));
        assertArrayEquals(new double[]{0.1, 0.1, 0.05, 0.05}, history.values(Metric.LEARNING_RATE), 1e-12);
    }

    @Test
    void binaryAccuracyWithOneSigmoidOutput() {
        DataSet blobs = TrainFixtures.blobs(100, 4);
        DataSet binary = new DataSet(blobs.getFeatures(), blobs.getLabels().getColumn(1).dup().reshape(100, 1));
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).updater(new Sgd(0.5))
                .list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(2).nOut(1)
                        .activation(Activation.SIGMOID).build()).build());
        net.init();
        History history = Learner.fit(net, TrainFixtures.iterator(binary, 25),
                FitOptions.epochs(5).metrics(Metric.ACCURACY).quiet());
        assertTrue(history.last(Metric.ACCURACY) > 0.9, history.toString());
    }

    @Test
    void theValidationLossLeavesOutTheWeightPenalty() {
        // The same weights with and without an L2 penalty in the configuration: DL4J's own score differs by
        // the penalty, the validation loss must not.
        MultiLayerNetwork penalised = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7).updater(new Sgd(0.1)).l2(0.5).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        penalised.init();
        History history = fit(penalised, FitOptions.epochs(2).validation(validation));
        MultiLayerNetwork plain = TrainFixtures.classifier();
        plain.setParams(penalised.params());

        assertTrue(penalised.score(validation, false) > plain.score(validation, false) + 0.01, "DL4J adds the penalty");
        assertEquals(plain.score(validation, false), history.last(Metric.VAL_LOSS), 1e-5);
    }
}
