package dlkit.train;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import dlkit.layers.FastLayers;
import dlkit.notebook.StopButton;

/**
 * Trains a DL4J network epoch by epoch and records what happened in a {@link History}: the loss,
 * validation metrics, time per epoch, and why training stopped. In a notebook it shows a progress bar
 * and a learning curve that update in place (see {@link FitOptions}).
 *
 * <p>Training stops early by a flag, never by an exception: when a callback asks
 * ({@link EarlyStopping}), when a {@link Checkpoint} cannot be saved, when training diverges (the loss
 * becomes NaN or infinite or explodes, or a classifier's weights leap: see {@link StopReason#DIVERGED};
 * the weights go back to those at the start of that epoch), or when the thread is interrupted, e.g. by
 * the notebook's stop button (training stops between two batches and the network stays usable).
 *
 * <p>Mistakes in the data are refused with an {@code IllegalArgumentException} that says how to fix
 * them: before the first step, a first layer whose {@code nIn} is not the number of features, or an
 * output layer whose {@code nOut} is not the number of label columns; at the end of the first epoch,
 * a classifier whose training labels hold one class only (the weights are then put back as they were).
 */
public final class Learner {

    private static volatile Supplier<? extends Callback> liveCharts;

    private Learner() {
    }

    /**
     * Sets what draws the learning curve while training runs, when {@link FitOptions#liveChart} is on (the
     * default). The course's kernel sets {@code dlkit.plot.LiveChart::new} when it starts; elsewhere there is
     * no notebook to draw in and no live chart. {@code null} turns live charts off.
     */
    public static void drawLiveChartsWith(Supplier<? extends Callback> charts) {
        liveCharts = charts;
    }

    /** Trains a network; see the class description. */
    public static History fit(MultiLayerNetwork net, DataSetIterator train, FitOptions options) {
        return run(Trainable.of(net), train, options);
    }

    /** Trains a computation graph with one input and one output; see the class description. */
    public static History fit(ComputationGraph graph, DataSetIterator train, FitOptions options) {
        return run(Trainable.of(graph), train, options);
    }

    /** Trains a network for some epochs with the default options. */
    public static History fit(MultiLayerNetwork net, DataSetIterator train, int epochs) {
        return fit(net, train, FitOptions.epochs(epochs));
    }

    static History run(Trainable model, DataSetIterator train, FitOptions options) {
        if (train == null) {
            throw new IllegalArgumentException("The training data is null; pass a DataSetIterator, e.g. images.iterator(64)");
        }
        Nd4j.getRandom().setSeed(options.seed());
        FastLayers.install(model.model());
        List<Callback> callbacks = new ArrayList<>(options.callbacks());
        Supplier<? extends Callback> charts = liveCharts;
        if (options.liveChart() && charts != null) {
            callbacks.add(charts.get());
        }
        if (options.progress()) {
            callbacks.add(ProgressBar.forThisProcess());
        }
        if (options.tracking() != null) {
            // Last, so that it saves the weights early stopping restored.
            callbacks.add(new Recorder(options.tracking(), options, batchSize(train)));
        }
        TrainingContext context = new TrainingContext(model, options.epochs());
        Architecture network = Architecture.of(model.model());
        LabelClasses classes = LabelClasses.of(network);
        Divergence divergence = new Divergence(model, network);
        List<EpochResult> epochs = new ArrayList<>();
        StopReason stop = StopReason.COMPLETED;
        String message = options.epochs() == 1 ? "the one epoch ran" : "all " + options.epochs() + " epochs ran";

        fire(callbacks, "onTrainStart", 0, c -> c.onTrainStart(context));
        try {
            epochLoop:
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                long start = System.nanoTime();
                context.startEpoch(epoch);
                final int e = epoch;
                fire(callbacks, "onEpochStart", epoch, c -> c.onEpochStart(context, e));
                INDArray atEpochStart = model.params().dup();
                divergence.startEpoch();
                if (train.resetSupported()) {
                    train.reset();
                }
                double lossSum = 0;
                long examples = 0;
                int batches = 0;
                while (train.hasNext()) {
                    if (Thread.interrupted()) {
                        // The flag is cleared so that the progress bar's last update is delivered (a display call
                        // waits for the kernel only on a thread that is not interrupted); it is set again below.
                        stop = StopReason.INTERRUPTED;
                        message = "interrupted in epoch " + epoch + " after " + batches + " batches; the network "
                                + "keeps the weights it had then and can be used or trained further";
                        break epochLoop;
                    }
                    DataSet batch = train.next();
                    if (epoch == 1) {
                        checkFirstEpochBatch(network, classes, batch, batches);
                    }
                    model.fit(batch);
                    double loss = model.score();
                    batches++;
                    if (!Double.isFinite(loss)) {
                        model.setParams(atEpochStart);
                        stop = StopReason.DIVERGED;
                        message = divergence.nonFinite(loss, epoch, batches, context);
                        break epochLoop;
                    }
                    int n = batch.numExamples();
                    lossSum += loss * n;
                    examples += n;
                    final int b = batches;
                    fire(callbacks, "onBatchEnd", epoch, c -> c.onBatchEnd(context, b, loss));
                    if (context.stopRequested()) {
                        break;
                    }
                }
                if (batches == 0) {
                    throw new IllegalArgumentException("The training data gave no batches in epoch " + epoch
                            + (epoch > 1 && !train.resetSupported() ? "; the iterator cannot be reset, so it ran "
                            + "dry after the first epoch: pass one that supports reset()" : "; it is empty"));
                }
                if (epoch == 1 && !context.stopRequested()) {
                    refuseOneClass(classes, model, atEpochStart);
                }
                String diverged = divergence.afterEpoch(epoch, lossSum / examples, context);
                if (diverged != null) {
                    model.setParams(atEpochStart);
                    stop = StopReason.DIVERGED;
                    message = diverged;
                    break;
                }
                Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
                metrics.put(Metric.LOSS, lossSum / examples);
                measure(model, train, options, metrics);
                if (!Double.isNaN(context.learningRate())) {
                    metrics.put(Metric.LEARNING_RATE, context.learningRate());
                }
                EpochResult result = new EpochResult(epoch, metrics, (System.nanoTime() - start) / 1_000_000);
                epochs.add(result);
                context.finishEpoch(result, batches);
                fire(callbacks, "onEpochEnd", epoch, c -> c.onEpochEnd(context, result));
                if (context.stopRequested()) {
                    stop = context.stopReason();
                    message = context.stopMessage();
                    break;
                }
            }
        } finally {
            if (train.resetSupported()) {
                train.reset();
            }
        }
        int best = callbacks.stream().filter(c -> c instanceof EarlyStopping)
                .mapToInt(c -> ((EarlyStopping) c).restoredEpoch()).max().orElse(0);
        History partial = new History(epochs, stop, message, 0);
        fire(callbacks, "onTrainEnd", epochs.size(), c -> c.onTrainEnd(context, partial));
        // EarlyStopping restores the best weights in onTrainEnd; the history says which epoch they are from.
        best = Math.max(best, callbacks.stream().filter(c -> c instanceof EarlyStopping)
                .mapToInt(c -> ((EarlyStopping) c).restoredEpoch()).max().orElse(0));
        String finalMessage = best > 0 ? message + "; weights of epoch " + best + " restored" : message;
        History history = new History(epochs, stop, finalMessage, best);
        if (stop == StopReason.INTERRUPTED) {
            // The progress bar has shown where training stopped; the stop button may end the cell now.
            StopButton.stopped();
            Thread.currentThread().interrupt();
        }
        return history;
    }

    private static int batchSize(DataSetIterator train) {
        try {
            return train.batch();
        } catch (RuntimeException unknown) {
            return 0;
        }
    }

    /** Checks the first batch's shapes against the network before any step, and counts the classes of every batch. */
    private static void checkFirstEpochBatch(Architecture network, LabelClasses classes, DataSet batch, int before) {
        if (before == 0) {
            FitChecks.shapes(network, batch);
        }
        classes.add(batch.getLabels());
    }

    /** Refuses a classifier whose first epoch saw one class only, with the weights put back as they were. */
    private static void refuseOneClass(LabelClasses classes, Trainable model, INDArray atStart) {
        String oneClass = classes.oneClass();
        if (oneClass != null) {
            model.setParams(atStart);
            throw new IllegalArgumentException(oneClass);
        }
    }

    private static void measure(Trainable model, DataSetIterator train, FitOptions options, Map<Metric, Double> metrics) {
        if (options.metrics().contains(Metric.ACCURACY)) {
            metrics.put(Metric.ACCURACY, accuracy(model, train));
        }
        DataSetIterator validation = options.validation();
        if (validation == null) {
            return;
        }
        if (options.metrics().contains(Metric.VAL_LOSS)) {
            if (validation.resetSupported()) {
                validation.reset();
            }
            double sum = 0;
            long n = 0;
            while (validation.hasNext()) {
                DataSet batch = validation.next();
                sum += model.score(batch) * batch.numExamples();
                n += batch.numExamples();
            }
            if (n == 0) {
                throw new IllegalArgumentException("The validation data gave no examples; pass a non-empty iterator "
                        + "that supports reset()");
            }
            metrics.put(Metric.VAL_LOSS, sum / n);
        }
        if (options.metrics().contains(Metric.VAL_ACCURACY)) {
            metrics.put(Metric.VAL_ACCURACY, accuracy(model, validation));
        }
    }

    /** The share of examples whose predicted class (argmax, or output >= 0.5 for one column) is the label's. */
    static double accuracy(Trainable model, DataSetIterator data) {
        if (data.resetSupported()) {
            data.reset();
        }
        long right = 0;
        long total = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray labels = batch.getLabels();
            if (labels.rank() != 2) {
                throw new IllegalArgumentException("ACCURACY needs labels of shape [examples, classes], not "
                        + java.util.Arrays.toString(labels.shape()) + "; for sequences, evaluate with Predictions");
            }
            INDArray output = model.output(batch.getFeatures());
            if (labels.columns() == 1) {
                INDArray predicted = output.gte(0.5).castTo(labels.dataType());
                right += predicted.eq(labels.gte(0.5).castTo(labels.dataType())).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
            } else {
                INDArray predicted = output.argMax(1);
                INDArray truth = labels.argMax(1);
                right += predicted.eq(truth).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
            }
            total += labels.rows();
        }
        if (data.resetSupported()) {
            data.reset();
        }
        return total == 0 ? Double.NaN : right / (double) total;
    }

    private interface Event {
        void call(Callback callback);
    }

    private static void fire(List<Callback> callbacks, String event, int epoch, Event call) {
        for (Callback callback : callbacks) {
            try {
                call.call(callback);
            } catch (CallbackException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new CallbackException("Callback " + name(callback) + " failed in " + event
                        + (epoch > 0 ? " (epoch " + epoch + ")" : "") + ": " + e, e);
            }
        }
    }

    private static String name(Callback callback) {
        String described = callback.toString();
        if (!described.startsWith(callback.getClass().getName() + "@")) {
            return described;
        }
        String simple = callback.getClass().getSimpleName();
        return simple.isEmpty() ? callback.getClass().getName() : simple;
    }
}
