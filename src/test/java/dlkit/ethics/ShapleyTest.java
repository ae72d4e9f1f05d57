package dlkit.ethics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Exact Shapley values against the Python shap package's exact explainer on the same small network
 * (src/test/resources/shap/exact.json, written by environment/shap_reference.py with shap 0.46.0).
 */
class ShapleyTest {

    private static final JsonNode REFERENCE = ReferenceNetwork.read("src/test/resources/shap/exact.json");
    private static final Function<double[][], double[]> MODEL = ReferenceNetwork.model(REFERENCE);

    @Test
    void theValuesEqualThoseOfShapsExactExplainer() {
        double[][] background = ReferenceNetwork.matrix(REFERENCE.get("background"));
        double[][] rows = ReferenceNetwork.matrix(REFERENCE.get("rows"));
        for (int r = 0; r < rows.length; r++) {
            Explanations.Shapley shapley = Explanations.shapley(MODEL, background, rows[r]);
            assertArrayEquals(ReferenceNetwork.vector(REFERENCE.get("values").get(r)), shapley.values(), 1e-6, "row " + r);
            assertEquals(REFERENCE.get("base_values").get(r).asDouble(), shapley.base(), 1e-9);
            double sum = shapley.base();
            for (double v : shapley.values()) {
                sum += v;
            }
            assertEquals(MODEL.apply(new double[][]{rows[r]})[0], sum, 1e-12, "base + values = the prediction");
            assertEquals(shapley.prediction(), sum, 1e-12);
        }
    }

    @Test
    void anInputTheModelIgnoresGetsNothingAndSymmetricInputsShare() {
        Function<double[][], double[]> sumOfFirstTwo = rows -> java.util.Arrays.stream(rows).mapToDouble(r -> r[0] + r[1]).toArray();
        Explanations.Shapley s = Explanations.shapley(sumOfFirstTwo, new double[][]{{0, 0, 0}}, new double[]{2, 2, 9});
        assertArrayEquals(new double[]{2, 2, 0}, s.values(), 1e-12);
        assertEquals(List.of("x0", "x1", "x2"), List.copyOf(s.named().keySet()));
    }

    @Test
    void oneHotColumnsCountAsTheOneInputTheyComeFrom() {
        Function<double[][], double[]> model = rows -> java.util.Arrays.stream(rows).mapToDouble(r -> 3 * r[1] + r[2] - r[0]).toArray();
        Explanations.Shapley s = Explanations.shapley(model, new double[][]{{0, 0, 0}}, new double[]{1, 1, 1},
                List.of("age", "colour=red", "colour=blue"));
        assertEquals(List.of("age", "colour"), s.inputs());
        assertArrayEquals(new double[]{-1, 4}, s.values(), 1e-12);
        assertEquals(List.of("colour", "age"), List.copyOf(s.named().keySet()), "largest effect first");
    }

    @Test
    void sampledValuesApproachTheExactOnesAndStillAddUp() {
        double[][] background = ReferenceNetwork.matrix(REFERENCE.get("background"));
        double[] row = ReferenceNetwork.matrix(REFERENCE.get("rows"))[0];
        List<String> names = List.of("x0", "x1", "x2", "x3", "x4");
        Explanations.Shapley exact = Explanations.shapley(MODEL, background, row, names);
        Explanations.Shapley sampled = Explanations.shapleySampled(MODEL, background, row, names, 2000, 11);
        assertArrayEquals(exact.values(), sampled.values(), 0.01, "2,000 permutations");
        double sum = sampled.base();
        for (double v : sampled.values()) {
            sum += v;
        }
        assertEquals(exact.prediction(), sum, 1e-12, "every permutation's credits add up");
        assertArrayEquals(sampled.values(), Explanations.shapleySampled(MODEL, background, row, names, 2000, 11).values(),
                0.0, "seeded");
        assertThrows(IllegalArgumentException.class, () -> Explanations.shapleySampled(MODEL, background, row, names, 0, 1));
    }

    @Test
    void badInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Explanations.shapley(MODEL, new double[0][], new double[5]));
        assertThrows(IllegalArgumentException.class, () -> Explanations.shapley(MODEL, new double[][]{{1, 2}}, new double[5]));
        assertThrows(IllegalArgumentException.class, () -> Explanations.shapley(MODEL, new double[][]{new double[17]}, new double[17]));
    }
}
