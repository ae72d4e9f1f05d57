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
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMixtureDensity;

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
    void adamAtAHugeLearningRateIsCaughtThoughTheLossStaysFinite() {
        MultiLayerNetwork net = TrainFixtures.classifier(new Adam(100));
        INDArray before = net.params().dup();
        History history = fit(net, FitOptions.epochs(10));
        assertEquals(StopReason.DIVERGED, history.stop());
        assertEquals(0, history.epochCount());
        assertTrue(history.message().matches("a weight in 0_W changed by \\d+ in epoch 1, .*"), history.message());
        assertTrue(history.message().contains("Lower the learning rate (now 100.0 with Adam)"), history.message());
        assertEquals(before, net.params());
    }

    @Test
    void aLossThatExplodesWithoutBecomingNaNStopsTraining() {
        // A linear regression whose steps overshoot: the loss grows by half each epoch but stays finite.
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).updater(new Sgd(1.0))
                .list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(2)
                        .activation(Activation.IDENTITY).build()).build());
        net.init();
        History history = Learner.fit(net, TrainFixtures.iterator(train, 200), FitOptions.epochs(20).quiet());
        assertEquals(StopReason.DIVERGED, history.stop());
        assertTrue(history.message().matches("the loss rose to [0-9.]+ in epoch (\\d+), more than 10 times its lowest"
                + " \\([0-9.]+ in epoch 2\\) and above the first epoch's .*"), history.message());
        assertTrue(history.message().endsWith("The weights are back to those at the start of epoch "
                + (history.epochCount() + 1)), history.message());
    }

    @Test
    void healthyTrainingIsNotTakenForDivergence() {
        for (var updater : List.of(new Adam(0.01), new Adam(0.1), new Sgd(0.1), new Sgd(1.0))) {
            History history = fit(TrainFixtures.classifier(updater), FitOptions.epochs(40));
            assertEquals(StopReason.COMPLETED, history.stop(), updater + ": " + history.message());
        }
    }

    @Test
    void aFirstLayerThatDoesNotTakeTheFeaturesIsRefusedBeforeAnyStep() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new DenseLayer.Builder().nIn(9).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        INDArray before = net.params().dup();
        DataSet seven = new DataSet(Nd4j.rand(DataType.FLOAT, 20, 7), train.getLabels().get(NDArrayIndex.interval(0, 20)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learner.fit(net, TrainFixtures.iterator(seven, 10), FitOptions.epochs(1).quiet()));
        assertEquals("Learner.fit: the network's first layer (DenseLayer) expects 9 inputs (nIn) but the data has 7"
                + " feature columns (shape [10, 7]): set nIn(7) on the first layer, or check the Preprocessor's"
                + " numInputs()", e.getMessage());
        assertEquals(before, net.params());
    }

    @Test
    void anOutputLayerThatDoesNotFitTheLabelsIsRefused() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit(net, FitOptions.epochs(1)));
        assertEquals("Learner.fit: the network's output layer (OutputLayer) has 3 units (nOut) but the labels have 2"
                + " columns (shape [32, 2]): set nOut(2) on the output layer (one unit per class, or per value to"
                + " predict), or check the Preprocessor's numOutputs()", e.getMessage());
    }

    @Test
    void aGraphAndARecurrentNetworkAreCheckedToo() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(7).graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(3).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build());
        graph.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learner.fit(graph, TrainFixtures.iterator(train, 32), FitOptions.epochs(1).quiet()));
        assertTrue(e.getMessage().contains("expects 3 inputs (nIn) but the data has 2 feature columns"), e.getMessage());

        MultiLayerNetwork rnn = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        rnn.init();
        DataSet sequences = sequences(8, 1, 5);
        e = assertThrows(IllegalArgumentException.class,
                () -> Learner.fit(rnn, TrainFixtures.iterator(sequences, 4), FitOptions.epochs(1).quiet()));
        assertTrue(e.getMessage().contains("first layer (LSTM) expects 3 inputs per time step (nIn) but the sequences"
                + " have 1 features per step (shape [4, 1, 5]): set nIn(1)"), e.getMessage());
    }

    /** Sequences [n, features, steps] whose label at every step is the class of the example (alternating). */
    private static DataSet sequences(int n, int features, int steps) {
        Nd4j.getRandom().setSeed(5);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 2, steps);
        for (int i = 0; i < n; i++) {
            labels.get(NDArrayIndex.point(i), NDArrayIndex.point(i % 2), NDArrayIndex.all()).assign(1);
        }
        return new DataSet(Nd4j.rand(DataType.FLOAT, n, features, steps), labels);
    }

    @Test
    void validNetworksOfEveryKindAreNotRefused() {
        // Recurrent, wrapped in LastTimeStep, with the input type set.
        MultiLayerNetwork lastStep = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new LastTimeStep(new LSTM.Builder().nOut(4).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(1, 5)).build());
        lastStep.init();
        DataSet sequences = sequences(8, 1, 5);
        DataSet lastLabels = new DataSet(sequences.getFeatures(),
                sequences.getLabels().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(4)).dup());
        assertEquals(StopReason.COMPLETED, Learner.fit(lastStep, TrainFixtures.iterator(lastLabels, 4),
                FitOptions.epochs(1).quiet()).stop());
        // A convolution fed flat images through InputType.convolutionalFlat (a preprocessor), and fed images.
        for (boolean flat : new boolean[]{true, false}) {
            MultiLayerNetwork cnn = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                    .setInputType(flat ? InputType.convolutionalFlat(6, 6, 1) : InputType.convolutional(6, 6, 1)).build());
            cnn.init();
            INDArray images = flat ? Nd4j.rand(DataType.FLOAT, 8, 36) : Nd4j.rand(DataType.FLOAT, 8, 1, 6, 6);
            DataSet data = new DataSet(images, train.getLabels().get(NDArrayIndex.interval(0, 8)));
            assertEquals(StopReason.COMPLETED, Learner.fit(cnn, TrainFixtures.iterator(data, 4),
                    FitOptions.epochs(1).quiet()).stop(), flat ? "flat" : "images");
        }
        // Word indices into an embedding: nIn is the vocabulary, not the number of columns.
        MultiLayerNetwork words = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(50).nOut(4).inputLength(6).build())
                .layer(new LastTimeStep(new LSTM.Builder().nOut(4).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(50, 6)).build());
        words.init();
        DataSet text = new DataSet(Nd4j.createFromArray(new float[][]{{1, 4, 9, 2, 0, 3}, {7, 7, 1, 40, 2, 2}}),
                Nd4j.createFromArray(new float[][]{{1, 0}, {0, 1}}));
        assertEquals(StopReason.COMPLETED, Learner.fit(words, TrainFixtures.iterator(text, 2),
                FitOptions.epochs(1).quiet()).stop());
        // A mixture density output: 2 Gaussians for 1 target take 6 units, for labels of 1 column.
        MultiLayerNetwork mixture = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new OutputLayer.Builder(LossMixtureDensity.builder().gaussians(2).labelWidth(1).build())
                        .nIn(2).nOut(6).activation(Activation.IDENTITY).build())
                .build());
        mixture.init();
        FitChecks.shapes(Architecture.of(mixture), new DataSet(train.getFeatures(), Nd4j.rand(DataType.FLOAT, 200, 1)));
    }

    @Test
    void classificationLabelsOfOneClassAreRefusedAfterTheFirstEpochWithTheWeightsPutBack() {
        INDArray allSecond = Nd4j.zeros(DataType.FLOAT, 40, 3);
        allSecond.getColumn(1).assign(1);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).updater(new Sgd(0.1))
                .list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2).nOut(3)
                        .activation(Activation.SOFTMAX).build()).build());
        net.init();
        INDArray before = net.params().dup();
        DataSet oneClass = new DataSet(train.getFeatures().get(NDArrayIndex.interval(0, 40)), allSecond);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learner.fit(net, TrainFixtures.iterator(oneClass, 16), FitOptions.epochs(3).quiet()));
        assertEquals("Learner.fit: every one of the 40 training rows has the label class 1 (a 1 in column 1 of 3): a"
                + " classifier cannot learn from one class. Check that the target column is the one you meant and that"
                + " the training part holds every class (Split.stratified keeps the classes' shares in every part)",
                e.getMessage());
        assertEquals(before, net.params());
    }

    @Test
    void aSigmoidClassifierWithAllZeroLabelsIsRefusedButARegressionWithConstantTargetsIsNot() {
        DataSet zeros = new DataSet(train.getFeatures(), Nd4j.zeros(DataType.FLOAT, 200, 1));
        MultiLayerNetwork sigmoid = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).updater(new Sgd(0.1))
                .list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(2).nOut(1)
                        .activation(Activation.SIGMOID).build()).build());
        sigmoid.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learner.fit(sigmoid, TrainFixtures.iterator(zeros, 32), FitOptions.epochs(2).quiet()));
        assertTrue(e.getMessage().startsWith("Learner.fit: every one of the 200 training rows has the label 0 (every row"
                + " negative)"), e.getMessage());

        MultiLayerNetwork regression = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).updater(new Sgd(0.1))
                .list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build()).build());
        regression.init();
        assertEquals(StopReason.COMPLETED, Learner.fit(regression, TrainFixtures.iterator(zeros, 32),
                FitOptions.epochs(2).quiet()).stop());
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
