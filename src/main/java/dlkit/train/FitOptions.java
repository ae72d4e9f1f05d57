package dlkit.train;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import dlkit.notebook.Notebook;
import dlkit.track.Run;
import dlkit.track.Tracker;

/**
 * How to train: epochs, validation data, metrics, callbacks, progress display and seed. Immutable;
 * each setting returns a new value: {@code FitOptions.epochs(10).validation(val).callbacks(stopper)}.
 *
 * <p>By default training shows a progress bar and a live learning curve in a notebook, records
 * {@link Metric#LOSS} (and {@link Metric#VAL_LOSS} with a validation set) and seeds ND4J's random
 * generator with {@link Notebook#SEED}. The environment variable {@value #PROGRESS_ENV}{@code =off} turns
 * the progress display off everywhere.
 */
public final class FitOptions {

    /** The environment variable that turns progress display off ({@code off}) or on ({@code on}). */
    public static final String PROGRESS_ENV = "DLKIT_PROGRESS";

    private final int epochs;
    private final DataSetIterator validation;
    private final Set<Metric> metrics;
    private final List<Callback> callbacks;
    private final boolean progress;
    private final boolean liveChart;
    private final long seed;
    private final Tracking tracking;

    /** Where and under which experiment a run is recorded, with the parameters given for it. */
    record Tracking(Tracker tracker, String experiment, Map<String, String> params) {
    }

    private FitOptions(int epochs, DataSetIterator validation, Set<Metric> metrics, List<Callback> callbacks,
                       boolean progress, boolean liveChart, long seed, Tracking tracking) {
        this.tracking = tracking;
        this.epochs = epochs;
        this.validation = validation;
        this.metrics = metrics;
        this.callbacks = callbacks;
        this.progress = progress;
        this.liveChart = liveChart;
        this.seed = seed;
    }

    /**
     * Options for training {@code epochs} epochs, with the defaults above.
     *
     * @throws IllegalArgumentException when {@code epochs} is not positive
     */
    public static FitOptions epochs(int epochs) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be at least 1, not " + epochs
                    + "; one epoch is one pass over the training data");
        }
        String env = System.getenv(PROGRESS_ENV);
        boolean show = env == null || !env.trim().toLowerCase(Locale.ROOT).matches("off|false|0|no");
        return new FitOptions(epochs, null, EnumSet.of(Metric.LOSS), List.of(), show, show, Notebook.SEED, null);
    }

    /** Measures {@link Metric#VAL_LOSS} (and any VAL_ metric asked for) on this data after each epoch. */
    public FitOptions validation(DataSetIterator data) {
        Objects.requireNonNull(data, "validation(null): pass a DataSetIterator, or leave validation out");
        EnumSet<Metric> m = EnumSet.copyOf(metrics);
        m.add(Metric.VAL_LOSS);
        return new FitOptions(epochs, data, m, callbacks, progress, liveChart, seed, tracking);
    }

    /** Validation on one data set, in batches of up to 1,000 examples. */
    public FitOptions validation(DataSet data) {
        Objects.requireNonNull(data, "validation(null): pass a DataSet, or leave validation out");
        if (data.numExamples() == 0) {
            throw new IllegalArgumentException("The validation set is empty; pass at least one example, or leave validation out");
        }
        return validation(new ViewIterator(data, Math.min(1000, data.numExamples())));
    }

    /** Records these metrics too, e.g. {@code Metric.ACCURACY, Metric.VAL_ACCURACY}. */
    public FitOptions metrics(Metric... extra) {
        EnumSet<Metric> m = EnumSet.copyOf(metrics);
        for (Metric metric : extra) {
            if (metric == Metric.LEARNING_RATE) {
                throw new IllegalArgumentException("LEARNING_RATE is recorded when a learning-rate schedule is set: "
                        + "add a callback from LearningRates instead of asking for the metric");
            }
            m.add(metric);
        }
        return new FitOptions(epochs, validation, m, callbacks, progress, liveChart, seed, tracking);
    }

    /** Adds callbacks, run in the order given, after the ones already set. */
    public FitOptions callbacks(Callback... more) {
        List<Callback> all = new ArrayList<>(callbacks);
        for (Callback c : more) {
            all.add(Objects.requireNonNull(c, "callbacks(...) got a null callback"));
        }
        return new FitOptions(epochs, validation, metrics, List.copyOf(all), progress, liveChart, seed, tracking);
    }

    /** Shows (or hides) the progress bar. */
    public FitOptions progress(boolean show) {
        return new FitOptions(epochs, validation, metrics, callbacks, show, liveChart, seed, tracking);
    }

    /** Shows (or hides) the learning curve redrawn after each epoch. */
    public FitOptions liveChart(boolean show) {
        return new FitOptions(epochs, validation, metrics, callbacks, progress, show, seed, tracking);
    }

    /** Hides both the progress bar and the live chart (benchmarks, batch jobs). */
    public FitOptions quiet() {
        return new FitOptions(epochs, validation, metrics, callbacks, false, false, seed, tracking);
    }

    /** Seeds ND4J's random generator (dropout, shuffling) on the training thread before the first epoch. */
    public FitOptions seed(long seed) {
        return new FitOptions(epochs, validation, metrics, callbacks, progress, liveChart, seed, tracking);
    }

    /**
     * Records the run in {@link Tracker#standard()} (the folder {@code runs}, and MLflow when
     * {@code MLFLOW_TRACKING_URI} is set) under {@code experiment}: parameters (epochs, seed, batch size, updater,
     * learning rate, parameter count, and those given with {@link #param}), every metric after each epoch, the
     * best value of each, the notebook, the time, and the trained model.
     */
    public FitOptions track(String experiment) {
        return track(Tracker.standard(), experiment);
    }

    /** Records the run with {@code tracker} under {@code experiment}; see {@link #track(String)}. */
    public FitOptions track(Tracker tracker, String experiment) {
        Objects.requireNonNull(tracker, "track(null, ...): pass a tracker, e.g. Tracker.local(Path.of(\"runs\"))");
        Run.checkName(experiment);
        return new FitOptions(epochs, validation, metrics, callbacks, progress, liveChart, seed,
                new Tracking(tracker, experiment, tracking == null ? Map.of() : tracking.params()));
    }

    /**
     * A parameter to record with the run, e.g. {@code param("hidden", 16)}: the choices that made this run
     * what it is, which the run's table then shows side by side with the scores.
     *
     * @throws IllegalStateException when no {@code track(...)} was set before
     */
    public FitOptions param(String name, Object value) {
        if (tracking == null) {
            throw new IllegalStateException("param(\"" + name + "\", ...) records a parameter of a tracked run; "
                    + "call track(\"experiment\") first");
        }
        Map<String, String> params = new java.util.LinkedHashMap<>(tracking.params());
        params.put(Objects.requireNonNull(name, "param(null, ...): name the parameter"), String.valueOf(value));
        return new FitOptions(epochs, validation, metrics, callbacks, progress, liveChart, seed,
                new Tracking(tracking.tracker(), tracking.experiment(), java.util.Collections.unmodifiableMap(params)));
    }

    /** Where the run is recorded, or null when it is not. */
    Tracking tracking() {
        return tracking;
    }

    public int epochs() {
        return epochs;
    }

    /** The validation data, or null. */
    public DataSetIterator validation() {
        return validation;
    }

    public Set<Metric> metrics() {
        return EnumSet.copyOf(metrics);
    }

    public List<Callback> callbacks() {
        return callbacks;
    }

    public boolean progress() {
        return progress;
    }

    public boolean liveChart() {
        return liveChart;
    }

    public long seed() {
        return seed;
    }
}
