package dlkit.model;

import java.util.Map;

/**
 * What a {@link ModelBundle} predicts for one row. For a classifier: the most probable {@code label}, the
 * {@code probabilities} of all classes (in the bundle's class order) and {@code value}, the probability of
 * the label. For a regression: {@code label} is {@code null}, {@code probabilities} empty and {@code value}
 * the prediction in the target's units.
 */
public record Prediction(String label, double value, Map<String, Double> probabilities) {

    public Prediction {
        probabilities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(probabilities));
    }

    /** Whether this is a class prediction (else a number). */
    public boolean isClass() {
        return label != null;
    }

    @Override
    public String toString() {
        return isClass() ? String.format(java.util.Locale.ROOT, "%s (%.3f)", label, value)
                : String.format(java.util.Locale.ROOT, "%.4g", value);
    }
}
