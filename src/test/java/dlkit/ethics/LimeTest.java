package dlkit.ethics;

import static dlkit.ethics.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * LIME against the Python lime package's tabular explainer (no discretization, regression mode, every input kept,
 * 5,000 samples, ten seeds) on the same small network and data (src/test/resources/lime/tabular.json, written by
 * environment/lime_reference.py with lime 0.2.0.1).
 */
class LimeTest {

    private static final JsonNode REFERENCE = ReferenceNetwork.read("src/test/resources/lime/tabular.json");
    private static final Function<double[][], double[]> MODEL = ReferenceNetwork.model(REFERENCE);
    private static final List<String> NAMES = List.of("x0", "x1", "x2", "x3", "x4");

    @Test
    void theWeightsAreLimesWithinLimesOwnSpreadFromSeedToSeed() {
        double[][] training = ReferenceNetwork.matrix(REFERENCE.get("training"));
        for (JsonNode e : REFERENCE.get("explained")) {
            double[] row = ReferenceNetwork.vector(e.get("row"));
            double[] expected = ReferenceNetwork.vector(e.get("weights"));
            double[] spread = ReferenceNetwork.vector(e.get("weights_std"));

            Lime lime = Explanations.lime(MODEL, training, row, NAMES, 5000, 1);

            for (int j = 0; j < expected.length; j++) {
                // One estimate against the mean of ten: within four of lime's seed-to-seed standard deviations.
                assertEquals(expected[j], lime.weights()[j], 4 * spread[j] * Math.sqrt(1.1),
                        "weight of x" + j + " for row " + Arrays.toString(row));
            }
            assertEquals(e.get("intercept").asDouble(), lime.intercept(), 0.01, "intercept");
            assertEquals(e.get("score").asDouble(), lime.score(), 0.03, "R^2 of the local fit");
        }
    }

    @Test
    void onALinearModelTheWeightsAreTheSlopesInTheInputsUnits() {
        // y = 2 x0 - 3 x1 + 0.5 [colour = red]; x0 has spread 1, x1 spread 0.5; colours red, blue, green.
        Random random = new Random(3);
        double[][] training = new double[300][];
        for (int i = 0; i < training.length; i++) {
            int colour = i % 3;
            training[i] = new double[]{random.nextGaussian(), 0.5 * random.nextGaussian(), colour == 0 ? 1 : 0,
                    colour == 1 ? 1 : 0, colour == 2 ? 1 : 0};
        }
        Function<double[][], double[]> linear = rows -> Arrays.stream(rows)
                .mapToDouble(r -> 2 * r[0] - 3 * r[1] + 0.5 * r[2]).toArray();
        List<String> names = List.of("x0", "x1", "colour=red", "colour=blue", "colour=green");
        double[] red = {0.3, -0.2, 1, 0, 0};

        Lime lime = Explanations.lime(linear, training, red, names, 5000, 9);

        assertEquals(List.of("x0", "x1", "colour"), lime.inputs(), "one-hot columns are one input");
        double[] w = lime.weights();
        double sd0 = spread(training, 0);
        double sd1 = spread(training, 1);
        assertEquals(2 * sd0, w[0], 0.02 * 2 * sd0, "x0: change per standard deviation");
        assertEquals(-3 * sd1, w[1], 0.02 * 3 * sd1, "x1");
        assertEquals(0.5, w[2], 0.02, "being red adds 0.5");
        assertEquals(1.0, lime.score(), 1e-3, "a straight line fits a linear model");
        assertEquals(linear.apply(new double[][]{red})[0], lime.localPrediction(), 0.02);
        assertEquals(List.of("x0", "x1", "colour"), List.copyOf(lime.named().keySet()), "largest effect first");

        Lime blue = Explanations.lime(linear, training, new double[]{0.3, -0.2, 0, 1, 0}, names, 5000, 9);
        assertEquals(-0.25, blue.weights()[2], 0.03, "being blue: 0 against a red or green copy's 0.5 on average");

        assertArrayEquals(w, Explanations.lime(linear, training, red, names, 5000, 9).weights(), 0.0, "seeded");
        assertTrue(!Arrays.equals(w, Explanations.lime(linear, training, red, names, 5000, 10).weights()),
                "another seed, other copies");
    }

    private static double spread(double[][] rows, int j) {
        double mean = Arrays.stream(rows).mapToDouble(r -> r[j]).average().orElse(0);
        return Math.sqrt(Arrays.stream(rows).mapToDouble(r -> (r[j] - mean) * (r[j] - mean)).average().orElse(0));
    }

    @Test
    void badInputsAreRefused() {
        double[][] training = {{0, 1}, {1, 0}};
        Function<double[][], double[]> sum = rows -> Arrays.stream(rows).mapToDouble(r -> r[0] + r[1]).toArray();
        List<String> names = List.of("a", "b");
        assertFails(IllegalArgumentException.class, () -> Explanations.lime(sum, new double[][]{{0, 1}}, new double[]{0, 0},
                names, 100, 1), "at least 2");
        assertFails(IllegalArgumentException.class, () -> Explanations.lime(sum, training, new double[]{0, 0}, names, 5, 1),
                "samples 5", "5000");
        assertFails(IllegalArgumentException.class, () -> Explanations.lime(sum, training, new double[]{0, 0, 0},
                List.of("a", "b", "c"), 100, 1), "training row has 2 inputs, the row 3");
        assertFails(IllegalArgumentException.class, () -> Explanations.lime(sum, training, new double[]{0, 0},
                List.of("a"), 100, 1), "1 feature names for 2 inputs");
        assertFails(IllegalArgumentException.class, () -> Explanations.lime(rows -> new double[1], training,
                new double[]{0, 0}, names, 100, 1), "1 outputs for 100 rows");
    }
}
