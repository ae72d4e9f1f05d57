package dlkit.generative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Temperature and sampling, on plain arrays. */
class TextGeneratorTest {

    @Test
    void temperatureOneKeepsTheDistribution() {
        assertArrayEquals(new double[]{0.2, 0.5, 0.3}, TextGenerator.withTemperature(new double[]{0.2, 0.5, 0.3}, 1), 1e-12);
    }

    @Test
    void lowTemperatureSharpensAndHighFlattens() {
        double[] p = {0.2, 0.8};
        // T = 0.5 squares: 0.04 and 0.64, normalised
        assertArrayEquals(new double[]{0.04 / 0.68, 0.64 / 0.68}, TextGenerator.withTemperature(p, 0.5), 1e-12);
        // T = 2 takes square roots: flatter
        double a = Math.sqrt(0.2), b = Math.sqrt(0.8);
        assertArrayEquals(new double[]{a / (a + b), b / (a + b)}, TextGenerator.withTemperature(p, 2), 1e-12);
        assertArrayEquals(new double[]{0, 1, 0}, TextGenerator.withTemperature(new double[]{0.3, 0.4, 0.3}, 0), 0);
        double[] cold = TextGenerator.withTemperature(new double[]{0.3, 0.4, 0.3}, 0.01);
        assertEquals(1, cold[1], 1e-9, "a tiny temperature neither underflows nor divides by zero");
    }

    @Test
    void samplesFollowTheProbabilities() {
        Random random = new Random(1);
        int[] counts = new int[3];
        for (int i = 0; i < 20_000; i++) {
            counts[TextGenerator.sample(new double[]{0.1, 0.6, 0.3}, random)]++;
        }
        assertEquals(0.1, counts[0] / 20_000.0, 0.01);
        assertEquals(0.6, counts[1] / 20_000.0, 0.01);
        assertEquals(0.3, counts[2] / 20_000.0, 0.01);
        assertEquals(2, TextGenerator.sample(new double[]{0, 0, 1}, new Random(2)));
    }

    @Test
    void explainsBadInput() {
        var negative = assertThrows(IllegalArgumentException.class, () -> TextGenerator.withTemperature(new double[]{1}, -1));
        assertTrue(negative.getMessage().contains("-1.0"), negative.getMessage());
        var zeros = assertThrows(IllegalArgumentException.class, () -> TextGenerator.withTemperature(new double[]{0, 0}, 1));
        assertTrue(zeros.getMessage().contains("all 2 probabilities are 0"), zeros.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> TextGenerator.withTemperature(new double[]{0.5, Double.NaN}, 1));
        assertTrue(nan.getMessage().contains("probability 1 is NaN"), nan.getMessage());
    }
}
