package dlkit.train;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one epoch measured.
 *
 * @param epoch   the epoch number, counting from 1
 * @param metrics the values recorded, by metric
 * @param millis  how long the epoch took, training and evaluation together, in milliseconds
 */
public record EpochResult(int epoch, Map<Metric, Double> metrics, long millis) {

    public EpochResult {
        EnumMap<Metric, Double> copy = new EnumMap<>(Metric.class);
        copy.putAll(metrics);
        metrics = Collections.unmodifiableMap(copy);
    }

    /** The value of a metric, or NaN when it was not recorded. */
    public double get(Metric metric) {
        return metrics.getOrDefault(metric, Double.NaN);
    }

    /** The values by metric label ({@code loss}, {@code val_accuracy}...), in the metrics' order. */
    public Map<String, Double> byLabel() {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        metrics.forEach((metric, value) -> out.put(metric.label(), value));
        return out;
    }

    /** Whether the metric was recorded this epoch. */
    public boolean has(Metric metric) {
        return metrics.containsKey(metric);
    }
}
