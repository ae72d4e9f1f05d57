package dlkit.train;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dlkit.notebook.Html;
import dlkit.track.Run;

/**
 * What a training run recorded: one {@link EpochResult} per epoch, why it stopped, and at which epoch
 * the monitored metric was best. A {@code History} as a cell's last value shows as a table; {@code
 * Plots.learningCurves(history)} draws it.
 *
 * @param epochs    the epochs run, in order
 * @param stop      why training ended
 * @param message   the stop in words, e.g. "val_loss did not improve for 3 epochs"
 * @param bestEpoch the epoch whose weights the network holds when early stopping restored them, else 0
 */
public record History(List<EpochResult> epochs, StopReason stop, String message, int bestEpoch) implements Html {

    public History {
        epochs = List.copyOf(epochs);
    }

    /**
     * The history a tracked run recorded (see {@code FitOptions.track}): its metrics epoch by epoch, for the
     * same charts as a fresh history, e.g. {@code Plots.compareRuns}, with each epoch's time where the run
     * recorded it ({@code epoch_seconds}). Metrics that are not a {@link Metric} (a search's score, best values)
     * are left out.
     */
    public static History of(Run run) {
        java.util.TreeMap<Integer, java.util.EnumMap<Metric, Double>> byEpoch = new java.util.TreeMap<>();
        for (Metric metric : Metric.values()) {
            for (Run.Step step : run.metrics().getOrDefault(metric.label(), List.of())) {
                byEpoch.computeIfAbsent(step.step(), e -> new java.util.EnumMap<>(Metric.class)).put(metric, step.value());
            }
        }
        java.util.Map<Integer, Double> seconds = new java.util.HashMap<>();
        run.metrics().getOrDefault("epoch_seconds", List.of()).forEach(step -> seconds.put(step.step(), step.value()));
        List<EpochResult> epochs = new java.util.ArrayList<>();
        byEpoch.forEach((epoch, values) -> epochs.add(new EpochResult(epoch, values,
                Math.round(1000 * seconds.getOrDefault(epoch, 0.0)))));
        StopReason stop = switch (run.status()) {
            case FAILED -> StopReason.DIVERGED;
            case KILLED -> StopReason.INTERRUPTED;
            default -> StopReason.COMPLETED;
        };
        return new History(epochs, stop, "run " + run.name() + " (" + run.status().name().toLowerCase(Locale.ROOT)
                + ")", 0);
    }

    /** The number of epochs run. */
    public int epochCount() {
        return epochs.size();
    }

    /** The metrics recorded in every epoch. */
    public Set<Metric> metrics() {
        Set<Metric> common = EnumSet.allOf(Metric.class);
        for (EpochResult e : epochs) {
            common.retainAll(e.metrics().keySet());
        }
        return epochs.isEmpty() ? EnumSet.noneOf(Metric.class) : common;
    }

    /** Whether a metric was recorded in every epoch. */
    public boolean has(Metric metric) {
        return metrics().contains(metric);
    }

    /**
     * A metric's values, epoch by epoch.
     *
     * @throws IllegalArgumentException when the metric was not recorded
     */
    public double[] values(Metric metric) {
        requireMetric(metric);
        return epochs.stream().mapToDouble(e -> e.get(metric)).toArray();
    }

    /** The metric's value in the last epoch. */
    public double last(Metric metric) {
        double[] v = values(metric);
        if (v.length == 0) {
            throw new IllegalStateException("No epoch ran, so there is no last " + metric.label() + "; fit for at least one epoch");
        }
        return v[v.length - 1];
    }

    /** The metric's best value (lowest loss, highest accuracy). */
    public double best(Metric metric) {
        return values(metric)[bestIndex(metric)];
    }

    /** The epoch (from 1) where the metric was best; the first such epoch on ties. */
    public int bestEpochOf(Metric metric) {
        return epochs.get(bestIndex(metric)).epoch();
    }

    /** Seconds spent in training, all epochs together. */
    public double seconds() {
        return epochs.stream().mapToLong(EpochResult::millis).sum() / 1000.0;
    }

    private int bestIndex(Metric metric) {
        double[] v = values(metric);
        if (v.length == 0) {
            throw new IllegalStateException("No epoch ran, so there is no best " + metric.label() + "; fit for at least one epoch");
        }
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (metric.higherIsBetter() ? v[i] > v[best] : v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }

    private void requireMetric(Metric metric) {
        if (!has(metric) && !epochs.isEmpty()) {
            throw new IllegalArgumentException("'" + metric.label() + "' was not recorded; recorded metrics are "
                    + metrics().stream().map(Metric::label).toList()
                    + (metric.needsValidation() ? ". Pass a validation set: FitOptions.validation(...)"
                    : ". Ask for it with FitOptions.metrics(Metric." + metric.name() + ")"));
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        List<Metric> shown = List.copyOf(metrics());
        s.append(String.format(Locale.ROOT, "%5s", "epoch"));
        for (Metric m : shown) {
            s.append(String.format(Locale.ROOT, " %13s", m.label()));
        }
        s.append(String.format(Locale.ROOT, " %8s%n", "seconds"));
        for (EpochResult e : epochs) {
            s.append(String.format(Locale.ROOT, "%5d", e.epoch()));
            for (Metric m : shown) {
                s.append(String.format(Locale.ROOT, " %13.4f", e.get(m)));
            }
            s.append(String.format(Locale.ROOT, " %8.1f%n", e.millis() / 1000.0));
        }
        return s.append(summary()).toString();
    }

    /** One line: how many epochs, why it stopped. */
    public String summary() {
        return epochs.size() + (epochs.size() == 1 ? " epoch" : " epochs") + " in "
                + String.format(Locale.ROOT, "%.1f s", seconds()) + ": " + message;
    }

    @Override
    public String toHtml() {
        List<Metric> shown = List.copyOf(metrics());
        StringBuilder html = new StringBuilder("<table class=\"dlkit-history\"><thead><tr><th>epoch</th>");
        for (Metric m : shown) {
            html.append("<th>").append(m.label()).append("</th>");
        }
        html.append("<th>seconds</th></tr></thead><tbody>");
        for (EpochResult e : epochs) {
            boolean best = e.epoch() == bestEpoch;
            html.append(best ? "<tr style=\"font-weight:bold\">" : "<tr>").append("<td>").append(e.epoch()).append("</td>");
            for (Metric m : shown) {
                html.append(String.format(Locale.ROOT, "<td>%.4f</td>", e.get(m)));
            }
            html.append(String.format(Locale.ROOT, "<td>%.1f</td></tr>", e.millis() / 1000.0));
        }
        return html.append("</tbody></table><p>").append(Html.escape(summary())).append("</p>").toString();
    }
}
