package dlkit.ethics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dlkit.eval.Predictions;

/**
 * Human oversight: the model decides only where it is confident, and every other case goes to a person.
 * A row is routed when the probability of its predicted class is below {@code minConfidence}.
 *
 * @param minConfidence     the least probability of the predicted class that the model may act on
 * @param routed            the rows sent to a person, in increasing order
 * @param size              all rows
 * @param automatedAccuracy accuracy on the rows the model decides ({@code NaN} when it decides none)
 * @param overallAccuracy   accuracy of the model on all rows, for comparison
 */
public record HumanReview(double minConfidence, List<Integer> routed, int size, double automatedAccuracy,
                          double overallAccuracy) {

    /** Copies the list. */
    public HumanReview {
        routed = List.copyOf(routed);
    }

    /**
     * Routes the rows of {@code predictions} whose top probability is below {@code minConfidence}.
     *
     * @throws IllegalArgumentException when {@code minConfidence} is outside [0, 1]
     */
    public static HumanReview route(Predictions predictions, double minConfidence) {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("HumanReview.route: minConfidence " + minConfidence
                    + " is a probability; pass a value in [0, 1], e.g. 0.7");
        }
        double[][] p = predictions.probabilities();
        int[] truth = predictions.truth();
        int[] predicted = predictions.predicted();
        List<Integer> routed = new ArrayList<>();
        int automatic = 0;
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i][predicted[i]] < minConfidence) {
                routed.add(i);
            } else {
                automatic++;
                right += truth[i] == predicted[i] ? 1 : 0;
            }
        }
        return new HumanReview(minConfidence, routed, p.length, automatic == 0 ? Double.NaN : (double) right / automatic,
                predictions.accuracy());
    }

    /** The share of rows sent to a person. */
    public double shareRouted() {
        return (double) routed.size() / size;
    }

    /** The share of each group's rows sent to a person: is the burden of review shared evenly? */
    public Map<String, Double> shareRoutedBy(String[] groups) {
        if (groups == null || groups.length != size) {
            throw new IllegalArgumentException("shareRoutedBy: " + (groups == null ? 0 : groups.length) + " group names for "
                    + size + " rows; give one group per row, in the same order");
        }
        Map<String, int[]> counts = new TreeMap<>();
        for (String g : groups) {
            counts.computeIfAbsent(g, k -> new int[2])[0]++;
        }
        for (int row : routed) {
            counts.get(groups[row])[1]++;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        counts.forEach((g, c) -> out.put(g, (double) c[1] / c[0]));
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "HumanReview: %d of %d rows (%.1f%%) go to a person (confidence below %.2f);"
                        + " accuracy on the rest %.3f (all rows: %.3f)", routed.size(), size, 100 * shareRouted(),
                minConfidence, automatedAccuracy, overallAccuracy);
    }
}
