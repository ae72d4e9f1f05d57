package dlkit.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class RunTest {

    @Test
    void aRunSurvivesItsJson() {
        Run run = Run.start("penguins", "hidden=16").param("hidden", 16).tag("network", "Dense > Output");
        run.log(1, Map.of("loss", 0.9)).log(2, Map.of("loss", 0.4)).log("val_accuracy", 2, 0.875).log("skipped", 2, Double.NaN);
        run.end(RunStatus.FINISHED, "model.zip");
        Run back = Run.fromJson(run.toJson());
        assertEquals(run.toJson(), back.toJson());
        assertArrayEquals(new double[]{0.9, 0.4}, back.values("loss"));
        assertEquals(0.875, back.last("val_accuracy"));
        assertTrue(Double.isNaN(back.last("skipped")));
        assertEquals(Map.of("hidden", "16"), back.params());
        assertEquals(RunStatus.FINISHED, back.status());
        assertEquals("model.zip", back.model());
    }

    @Test
    void experimentNamesThatCannotNameAFolderAreRefused() {
        for (String bad : List.of("", "../up", "a/b", " lead", "x".repeat(101))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Run.start(bad, "r"));
            assertTrue(e.getMessage().contains("cannot name a folder of runs"), e.getMessage());
        }
        assertEquals("mnist random-search_2.b", Run.start("mnist random-search_2.b", null).experiment());
    }

    @Test
    void longNumbersAreShownBriefly() {
        assertEquals("0.00687", Run.brief("0.006869832100151513"));
        assertEquals("1.235e-5", Run.brief("1.2345678E-5"));
        assertEquals("0.01", Run.brief("0.01"));
        assertEquals("12345678", Run.brief("12345678"));
        assertEquals("relu and more", Run.brief("relu and more"));
    }

    @Test
    void aTableHasARowPerRunAndAColumnPerParameterAndMetric() {
        Run a = Run.start("e", "a").param("rate", "0.006869832100151513");
        a.log("loss", 1, 0.123456789);
        Run b = Run.start("e", "b").param("units", 8);
        Table table = Tracker.table("runs", List.of(a, b));
        assertEquals(List.of("run", "status", "source", "start", "seconds", "rate", "units", "loss"), table.columnNames());
        assertEquals("0.00687", table.stringColumn("rate").get(0));
        assertEquals("", table.stringColumn("rate").get(1));
        assertEquals(0.1235, table.doubleColumn("loss").get(0));
        assertTrue(table.doubleColumn("loss").isMissing(1));
        assertEquals("running", table.stringColumn("status").get(1));
    }
}
