package dlkit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dlkit.train.History;
import dlkit.train.Metric;
import dlkit.train.StopReason;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class SearchResultsTest {

    /** Units 16, 32, 64 give validation losses 0.5, 0.3, 0.4; units 128 diverges. */
    static SearchResults results() {
        SearchSpace space = SearchSpace.of().values("learningRate", 0.01).values("units", 16, 32, 64, 128)
                .values("activation", "relu");
        Map<Integer, Double> losses = Map.of(16, 0.5, 32, 0.3, 64, 0.4, 128, 0.0);
        return Search.grid(space).quiet().run(Metric.VAL_LOSS, t -> SearchTest.history(
                t.getInt("units") == 128 ? StopReason.DIVERGED : StopReason.COMPLETED, losses.get(t.getInt("units"))));
    }

    @Test
    void trialsAreSortedBestFirstAndFailedLast() {
        SearchResults r = results();

        assertEquals(List.of(32, 64, 16, 128), r.trials().stream().map(t -> t.trial().getInt("units")).toList());
        assertEquals(32, r.best().trial().getInt("units"));
        assertEquals(16, r.worst().trial().getInt("units"));
        assertEquals(List.of("learningRate", "units", "activation"), r.parameters());
    }

    @Test
    void theTableHasAColumnPerParameterOfItsType() {
        Table table = results().table();

        assertEquals(List.of("rank", "trial", "learningRate", "units", "activation", "val_loss", "best epoch", "seconds",
                "failure"), table.columnNames());
        assertEquals(ColumnType.DOUBLE, table.column("learningRate").type());
        assertEquals(ColumnType.INTEGER, table.column("units").type());
        assertEquals(ColumnType.STRING, table.column("activation").type());
        assertEquals(List.of(1, 2, 3, 0), table.intColumn("rank").asList());
        assertEquals(0.3, table.doubleColumn("val_loss").get(0), 1e-12);
        assertTrue(table.doubleColumn("val_loss").isMissing(3), "a failed trial has no score");
        assertTrue(table.stringColumn("failure").get(3).startsWith("diverged"));
    }

    @Test
    void showsAsAnHtmlTableWithTheBestInBold() {
        String html = results().toHtml();

        assertTrue(html.startsWith("<table class=\"dlkit-search\"><thead><tr><th>rank</th><th>trial</th>"
                + "<th>learningRate</th><th>units</th><th>activation</th><th>val_loss ↓</th><th>best epoch</th>"), html);
        assertTrue(html.contains("<tr style=\"font-weight:bold\"><td>1</td><td>2</td><td>0.01</td><td>32</td>"), html);
        assertTrue(html.contains("failed: diverged"), html);
        assertTrue(html.contains("best val_loss 0.3000: learningRate=0.01, units=32, activation=relu; 1 failed"), html);
    }

    @Test
    void printsAsTextWithASummary() {
        String text = results().toString();

        assertTrue(text.lines().findFirst().orElseThrow().contains("learningRate"), text);
        assertTrue(text.contains("failed"), text);
        assertTrue(text.endsWith("best val_loss 0.3000: learningRate=0.01, units=32, activation=relu; 1 failed"), text);
        assertTrue(text.contains("Grid search, 4 trials in"), text);
    }

    @Test
    void historiesOfTheBestTrialsAreReadyToCompare() {
        Map<String, History> runs = results().histories(2);

        assertEquals(List.of("#2 learningRate=0.01, units=32, activation=relu", "#3 learningRate=0.01, units=64, activation=relu"),
                List.copyOf(runs.keySet()));
        assertEquals(3, results().histories(10).size(), "failed trials are left out");
        assertThrows(IllegalArgumentException.class, () -> results().histories(0));
    }
}
