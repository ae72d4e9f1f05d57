package dlkit.ethics;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.function.Executable;

import dlkit.eval.Predictions;

/**
 * Hand-made predictions for the fairness tests. The expected values in the tests were computed by hand
 * and cross-checked with fairlearn 0.15.0 ({@code MetricFrame} with selection_rate, true_positive_rate,
 * false_positive_rate, accuracy_score, precision_score; demographic_parity_difference / _ratio,
 * equalized_odds_difference, equal_opportunity_difference).
 */
final class Fixtures {

    private Fixtures() {
    }

    static final List<String> CLASSES = List.of("no", "yes");

    /** Group a: 10 rows, 5 positive; 4 true positives, 1 false positive, 1 false negative. */
    static final int[] A_TRUTH = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
    static final int[] A_PRED = {1, 1, 1, 1, 0, 1, 0, 0, 0, 0};
    /** Group b: 10 rows, 3 positive; 2 true positives, 1 false positive, 1 false negative. */
    static final int[] B_TRUTH = {1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
    static final int[] B_PRED = {1, 1, 0, 0, 0, 0, 0, 0, 0, 1};
    /** Group c: 5 rows, no positive; 1 false positive. */
    static final int[] C_TRUTH = {0, 0, 0, 0, 0};
    static final int[] C_PRED = {1, 0, 0, 0, 0};

    /** Predictions with the given classes, certain (probability 1 for the predicted class). */
    static Predictions certain(int[] truth, int[] predicted) {
        double[][] p = new double[truth.length][2];
        for (int i = 0; i < truth.length; i++) {
            p[i][predicted[i]] = 1.0;
        }
        return Predictions.of(truth, p, CLASSES);
    }

    static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).toArray();
    }

    static String[] groups(Object... nameAndCount) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nameAndCount.length; i += 2) {
            out.addAll(Collections.nCopies((Integer) nameAndCount[i + 1], (String) nameAndCount[i]));
        }
        return out.toArray(new String[0]);
    }

    static <T extends Throwable> T assertFails(Class<T> type, Executable call, String... parts) {
        T e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(part),
                    () -> "message lacks '" + part + "': " + e.getMessage());
        }
        return e;
    }
}
