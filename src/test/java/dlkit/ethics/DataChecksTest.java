package dlkit.ethics;

import static dlkit.ethics.Fixtures.assertFails;
import static dlkit.ethics.Fixtures.groups;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DataChecksTest {

    /**
     * 24 applicants: 16 m, 8 f. {@code title} is Mr/Ms exactly as sex (a perfect proxy); {@code colour}
     * alternates independently of sex; {@code id} is unique; {@code income} is missing twice, both for f.
     */
    private static Table applicants() {
        String[] sex = groups("m", 16, "f", 8);
        String[] title = new String[24];
        String[] colour = new String[24];
        String[] label = new String[24];
        int[] id = new int[24];
        double[] income = new double[24];
        for (int i = 0; i < 24; i++) {
            title[i] = sex[i].equals("m") ? "Mr" : "Ms";
            colour[i] = i % 2 == 0 ? "red" : "blue";
            label[i] = sex[i].equals("m") ? (i < 12 ? "good" : "bad") : (i < 18 ? "good" : "bad");
            id[i] = 1000 + i;
            income[i] = i >= 22 ? Double.NaN : 10 + (i % 5);
        }
        return Table.create("applicants", StringColumn.create("sex", sex), StringColumn.create("title", title),
                StringColumn.create("colour", colour), StringColumn.create("class", label), IntColumn.create("id", id),
                DoubleColumn.create("income", income));
    }

    @Test
    void representationCountsEveryGroup() {
        Table t = DataChecks.representation(applicants(), "sex", "colour");
        assertEquals(List.of("sex", "sex", "colour", "colour"), t.stringColumn("attribute").asList());
        assertEquals(List.of("f", "m", "blue", "red"), t.stringColumn("group").asList());
        assertEquals(List.of(8, 16, 12, 12), t.intColumn("rows").asList());
        assertEquals(1.0 / 3, t.doubleColumn("share").get(0), 1e-12);
    }

    @Test
    void labelBalanceGivesBaseRatesPerGroup() {
        Table t = DataChecks.labelBalance(applicants(), "class", "good", "sex");
        // m: rows 0-11 good of 16 = 0.75; f: rows 16, 17 good of 8 = 0.25.
        assertEquals(List.of("f", "m"), t.stringColumn("sex").asList());
        assertEquals(0.25, t.doubleColumn("base rate").get(0), 1e-12);
        assertEquals(0.75, t.doubleColumn("base rate").get(1), 1e-12);
        assertFails(IllegalArgumentException.class, () -> DataChecks.labelBalance(applicants(), "class", "yes", "sex"),
                "never has the value 'yes'", "[bad, good]");
    }

    @Test
    void missingValuesAreCountedPerGroup() {
        Table t = DataChecks.missingByGroup(applicants(), "sex");
        assertEquals(List.of(2, 0), t.intColumn("rows with a missing value").asList());
        assertEquals(0.25, t.doubleColumn("share incomplete").get(0), 1e-12);
        assertEquals("{income=2}", t.stringColumn("missing values by column").get(0));
        assertEquals("none", t.stringColumn("missing values by column").get(1));
    }

    @Test
    void cramersVMatchesTheHandComputation() {
        // Counts [[3, 1], [1, 3]], n = 8: every expected count is 2, chi² = 4 · 1² / 2 = 2, V = sqrt(2 / 8) = 0.5.
        String[] a = {"x", "x", "x", "x", "y", "y", "y", "y"};
        String[] b = {"p", "p", "p", "q", "p", "q", "q", "q"};
        assertEquals(0.5, DataChecks.cramersV(a, b), 1e-12);
        assertEquals(1.0, DataChecks.cramersV(a, a), 1e-12);
        assertEquals(0.0, DataChecks.cramersV(a, groups("z", 8)), 1e-12);
    }

    @Test
    void proxiesAreRankedAndMarked() {
        Table t = DataChecks.proxies(applicants(), "sex");
        assertEquals("title", t.stringColumn("column").get(0));
        assertEquals(1.0, t.doubleColumn(1).get(0), 1e-12);
        assertEquals("yes", t.stringColumn("proxy").get(0));
        int colour = t.stringColumn("column").asList().indexOf("colour");
        assertEquals(0.0, t.doubleColumn(1).get(colour), 1e-12); // 8 red and 8 blue among m, 4 and 4 among f
        assertEquals("", t.stringColumn("proxy").get(colour));
        assertTrue(!t.stringColumn("column").asList().contains("sex"));
    }

    @Test
    void identifiersAreColumnsWithADifferentWholeValueInEveryRow() {
        assertEquals(List.of("id"), DataChecks.identifiers(applicants()));
        assertEquals(List.of("sex=f", "title"),
                DataChecks.featuresFrom(List.of("sex=f", "income", "title", "colour=red"), "sex", "title", "id"));
        assertEquals(List.of(), DataChecks.featuresFrom(List.of("income", "colour=red"), "id", "sex"));
    }

    @Test
    void badInputIsRefused() {
        assertFails(IllegalArgumentException.class, () -> DataChecks.representation(applicants().emptyCopy(), "sex"),
                "the table is empty");
        assertFails(IllegalArgumentException.class, () -> DataChecks.proxies(applicants(), "gender"),
                "column 'gender' is not in table 'applicants'", "[sex, title, colour, class, id, income]");
    }
}
