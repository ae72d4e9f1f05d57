package dlkit.track;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Where runs are recorded: {@link #local} (a folder, no server), {@link #mlflow} (an MLflow tracking server), or
 * both ({@link #and}). Training code calls {@link #started}, {@link #logged} after each epoch, and {@link #ended};
 * {@code Learner.fit} does this when its options say {@code track(...)}, and a hyperparameter search for each of
 * its trials.
 *
 * <pre>{@code
 * Tracker runs = Tracker.standard();          // runs/ in the working folder, and MLflow if MLFLOW_TRACKING_URI is set
 * Learner.fit(net, train, FitOptions.epochs(20).validation(val).track(runs, "penguins").param("hidden", 16));
 * runs.table("penguins");                      // one row per run: parameters, last metric values, status
 * }</pre>
 */
public interface Tracker {

    /** MLflow's own variable naming a tracking server, e.g. {@code http://127.0.0.1:5000}. */
    String MLFLOW_ENV = "MLFLOW_TRACKING_URI";

    /** A run begins: its parameters and tags are known. */
    void started(Run run);

    /** The run recorded metric values at a step (an epoch). */
    void logged(Run run, int step, Map<String, Double> values);

    /**
     * The run ended (its status and end time are set); {@code model} is the trained model's file, or null.
     * The file belongs to the caller: a tracker copies what it keeps.
     */
    void ended(Run run, Path model);

    /** The runs of an experiment, oldest first; none when the experiment does not exist. */
    List<Run> runs(String experiment);

    /** A folder of runs: {@code folder/experiment/run-id/run.json}, with the model beside it. */
    static LocalRuns local(Path folder) {
        return new LocalRuns(folder);
    }

    /**
     * An MLflow tracking server at {@code url}, e.g. {@code http://127.0.0.1:5000}.
     *
     * @throws IllegalArgumentException when the URL is not http(s)
     */
    static Mlflow mlflow(String url) {
        return new Mlflow(url);
    }

    /**
     * The course's default: the folder {@code runs} in the working folder (a notebook's folder), and the MLflow
     * server named by {@value #MLFLOW_ENV} when that is set.
     */
    static Tracker standard() {
        Tracker local = local(Path.of("runs"));
        String url = System.getenv(MLFLOW_ENV);
        return url == null || url.isBlank() ? local : local.and(mlflow(url.strip()));
    }

    /** Records to this tracker and {@code other}; reads runs from this one. */
    default Tracker and(Tracker other) {
        Tracker first = this;
        return new Tracker() {
            @Override
            public void started(Run run) {
                first.started(run);
                other.started(run);
            }

            @Override
            public void logged(Run run, int step, Map<String, Double> values) {
                first.logged(run, step, values);
                other.logged(run, step, values);
            }

            @Override
            public void ended(Run run, Path model) {
                first.ended(run, model);
                other.ended(run, model);
            }

            @Override
            public List<Run> runs(String experiment) {
                return first.runs(experiment);
            }

            @Override
            public String toString() {
                return first + " and " + other;
            }
        };
    }

    /**
     * The runs of an experiment as a table, one row per run: name, status, source, start, seconds, every
     * parameter, and the last value of every metric.
     */
    default Table table(String experiment) {
        return table(experiment, runs(experiment));
    }

    /**
     * A table of these runs (see {@link #table(String)}), for reading: parameters shown with {@link Run#brief} and
     * metrics to 4 significant digits; the runs keep the exact values.
     */
    static Table table(String title, List<Run> runs) {
        Set<String> params = new LinkedHashSet<>();
        Set<String> metrics = new LinkedHashSet<>();
        for (Run run : runs) {
            params.addAll(run.params().keySet());
            metrics.addAll(run.metrics().keySet());
        }
        Table table = Table.create(title);
        StringColumn name = StringColumn.create("run");
        StringColumn status = StringColumn.create("status");
        StringColumn source = StringColumn.create("source");
        StringColumn start = StringColumn.create("start");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        List<StringColumn> paramColumns = new ArrayList<>();
        List<DoubleColumn> metricColumns = new ArrayList<>();
        params.forEach(p -> paramColumns.add(StringColumn.create(p)));
        metrics.forEach(m -> metricColumns.add(DoubleColumn.create(m)));
        for (Run run : runs) {
            name.append(run.name());
            status.append(run.status().name().toLowerCase(Locale.ROOT));
            source.append(run.source());
            start.append(run.start().toString().substring(0, 19).replace('T', ' '));
            seconds.append(Math.round(run.duration().toMillis() / 100.0) / 10.0);
            for (StringColumn c : paramColumns) {
                c.append(Run.brief(run.params().getOrDefault(c.name(), "")));
            }
            for (DoubleColumn c : metricColumns) {
                double last = run.last(c.name());
                if (Double.isNaN(last)) {
                    c.appendMissing();
                } else {
                    c.append(Double.parseDouble(String.format(Locale.ROOT, "%.4g", last)));
                }
            }
        }
        table.addColumns(name, status, source, start, seconds);
        paramColumns.forEach(table::addColumns);
        metricColumns.forEach(table::addColumns);
        return table;
    }
}
