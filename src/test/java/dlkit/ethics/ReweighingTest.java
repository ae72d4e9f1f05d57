package dlkit.ethics;

import static dlkit.ethics.Fixtures.assertFails;
import static dlkit.ethics.Fixtures.groups;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ReweighingTest {

    /** Group f: 4 rows, 1 good; group m: 4 rows, 3 good. Overall 4 of 8 good. */
    private static Table data() {
        return Table.create("loans",
                StringColumn.create("sex", groups("f", 4, "m", 4)),
                StringColumn.create("class", new String[]{"good", "bad", "bad", "bad", "good", "good", "good", "bad"}));
    }

    @Test
    void weightsMakeGroupAndLabelIndependent() {
        double[] w = Reweighing.weights(data(), "class", "sex");
        // f & good: P(f) P(good) / P(f, good) = 0.5 * 0.5 / (1/8) = 2; f & bad: 0.25 / (3/8) = 2/3.
        // m & good: 0.25 / (3/8) = 2/3; m & bad: 0.25 / (1/8) = 2.
        assertArrayEquals(new double[]{2, 2.0 / 3, 2.0 / 3, 2.0 / 3, 2.0 / 3, 2.0 / 3, 2.0 / 3, 2}, w, 1e-12);
        // Weighted base rates are equal: f good 2 of (2 + 3 * 2/3) = 0.5, m good 2 of 4 = 0.5.
        assertEquals(2.0 / (2 + 2), w[0] / (w[0] + w[1] + w[2] + w[3]), 1e-12);
    }

    @Test
    void resamplingIsSeededAndKeepsTheSize() {
        Table a = Reweighing.resample(data(), "class", 7, "sex");
        Table b = Reweighing.resample(data(), "class", 7, "sex");
        assertEquals(8, a.rowCount());
        assertEquals(a.stringColumn("class").asList(), b.stringColumn("class").asList());
        assertFails(IllegalArgumentException.class, () -> Reweighing.weights(data().emptyCopy(), "class", "sex"), "empty");
        assertFails(IllegalArgumentException.class, () -> Reweighing.weights(data(), "label", "sex"),
                "column 'label' is not in table 'loans'", "[sex, class]");
    }
}
