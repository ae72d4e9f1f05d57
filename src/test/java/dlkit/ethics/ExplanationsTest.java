package dlkit.ethics;

import static dlkit.ethics.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class ExplanationsTest {

    /** 200 rows; class = 1 when input 0 is positive; input 1 is noise; inputs 2-3 one-hot "colour", unused. */
    private static double[][] features() {
        java.util.Random r = new java.util.Random(1);
        double[][] x = new double[200][4];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = r.nextGaussian();
            x[i][2] = i % 2;
            x[i][3] = 1 - i % 2;
        }
        return x;
    }

    private static final Function<double[][], int[]> SIGN_OF_FIRST = rows -> {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][0] > 0 ? 1 : 0;
        }
        return out;
    };

    @Test
    void onlyTheInputTheModelUsesMatters() {
        double[][] x = features();
        int[] truth = SIGN_OF_FIRST.apply(x);
        List<FeatureImportance> result = Explanations.permutationImportance(SIGN_OF_FIRST, x, truth,
                List.of("signal", "noise", "colour=red", "colour=blue"), 5, 42);
        assertEquals(3, result.size(), "one-hot inputs count as one column");
        assertEquals("signal", result.get(0).feature());
        // Shuffling the sign of a symmetric input keeps about half the answers: a drop near 0.5.
        assertTrue(result.get(0).importance() > 0.35 && result.get(0).importance() < 0.65, result.toString());
        assertTrue(result.get(0).std() > 0);
        for (FeatureImportance unused : result.subList(1, 3)) {
            assertEquals(0.0, unused.importance(), 0.0, unused.feature());
            assertEquals(0.0, unused.std(), 0.0);
        }
        assertEquals(result, Explanations.permutationImportance(SIGN_OF_FIRST, x, truth,
                List.of("signal", "noise", "colour=red", "colour=blue"), 5, 42), "seeded");
    }

    @Test
    void badInputIsRefused() {
        double[][] x = features();
        int[] truth = SIGN_OF_FIRST.apply(x);
        List<String> names = List.of("a", "b", "c", "d");
        assertFails(IllegalArgumentException.class, () -> Explanations.permutationImportance(SIGN_OF_FIRST, new double[0][],
                truth, names, 1, 0), "no rows");
        assertFails(IllegalArgumentException.class, () -> Explanations.permutationImportance(SIGN_OF_FIRST, x,
                new int[3], names, 1, 0), "3 labels for 200 rows");
        assertFails(IllegalArgumentException.class, () -> Explanations.permutationImportance(SIGN_OF_FIRST, x,
                truth, List.of("a"), 1, 0), "1 feature names for 4 inputs");
        assertFails(IllegalArgumentException.class, () -> Explanations.permutationImportance(SIGN_OF_FIRST, x,
                truth, names, 0, 0), "repeats 0");
    }
}
