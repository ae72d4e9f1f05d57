package dlkit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dlkit.train.EpochResult;
import dlkit.train.History;
import dlkit.train.Metric;
import dlkit.train.StopReason;

class SearchTest {

    private static final SearchSpace SPACE = SearchSpace.of()
            .values("learningRate", 1e-3, 1e-2, 1e-1)
            .values("units", 16, 64);

    /** A made-up validation accuracy, best at learning rate 0.01 and 64 units. */
    private static double accuracy(Trial t) {
        return 0.9 - Math.abs(Math.log10(t.getDouble("learningRate")) + 2) * 0.1 + (t.getInt("units") == 64 ? 0.05 : 0);
    }

    @Test
    void aGridSearchTriesEveryCombinationAndSortsTheBestFirst() {
        List<Trial> seen = new ArrayList<>();
        SearchResults results = Search.grid(SPACE).quiet().maximize(t -> {
            seen.add(t);
            return accuracy(t);
        });

        assertEquals(6, seen.size());
        assertEquals(6, results.size());
        assertEquals("grid", results.method());
        assertEquals(0.01, results.best().trial().getDouble("learningRate"));
        assertEquals(64, results.best().trial().getInt("units"));
        assertEquals(0.95, results.best().score(), 1e-12);
        assertEquals(16, results.worst().trial().getInt("units"));
        double[] scores = results.trials().stream().mapToDouble(TrialResult::score).toArray();
        for (int i = 1; i < scores.length; i++) {
            assertTrue(scores[i - 1] >= scores[i], "best first");
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6), results.inOrderRun().stream().map(TrialResult::number).toList());
    }

    @Test
    void minimizeKeepsTheLowestScore() {
        SearchResults results = Search.grid(SPACE).quiet().minimize(t -> 1 - accuracy(t));

        assertFalse(results.higherIsBetter());
        assertEquals(0.05, results.best().score(), 1e-12);
        assertEquals(0.01, results.best().trial().getDouble("learningRate"));
    }

    @Test
    void aRandomSearchWithTheSameSeedTriesTheSameTrials() {
        SearchSpace space = SearchSpace.of().logRange("learningRate", 1e-4, 1e-1).values("units", 16, 32, 64)
                .range("dropout", 0.0, 0.5);

        List<Trial> a = Search.random(space, 8, 42).trials();
        List<Trial> b = Search.random(space, 8, 42).trials();
        List<Trial> c = Search.random(space, 8, 43).trials();

        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(8, a.size());
        assertEquals(a, Search.random(space, 8, 42).quiet().maximize(t -> t.getDouble("dropout")).inOrderRun()
                .stream().map(TrialResult::trial).toList(), "the trials run are the trials listed");
    }

    @Test
    void aRandomSearchCannotAskForMoreCombinationsThanThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Search.random(SPACE, 7, 1));

        assertTrue(e.getMessage().contains("only 6 combinations"), e.getMessage());
        assertEquals(6, Search.random(SPACE, 6, 1).trials().stream().map(Trial::params).distinct().count());
    }

    @Test
    void badSearchesAreRefusedWithTheFix() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Search.grid(SearchSpace.of()));
        assertTrue(empty.getMessage().contains("The search space is empty"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Search.random(SearchSpace.of(), 3, 1));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Search.random(SPACE, 0, 1));
        assertTrue(none.getMessage().contains("at least 1 trial, not 0"), none.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Search.grid(SPACE.range("dropout", 0, 0.5)));
        assertTrue(range.getMessage().contains("'dropout' is a range"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Search.grid(SPACE).run(Metric.LEARNING_RATE, t -> null));
    }

    @Test
    void aTrialWithANaNScoreFailsWithoutEndingTheSearch() {
        SearchResults results = Search.grid(SPACE).quiet()
                .maximize(t -> t.getDouble("learningRate") == 0.1 ? Double.NaN : accuracy(t));

        assertEquals(6, results.size());
        assertEquals(2, results.failed().size());
        assertEquals(4, results.succeeded().size());
        assertTrue(results.trials().get(4).failed() && results.trials().get(5).failed(), "failed trials come last");
        assertEquals("the score is NaN", results.failed().get(0).failure());
        assertTrue(Double.isNaN(results.failed().get(0).score()));
        assertEquals(0.01, results.best().trial().getDouble("learningRate"));
        assertTrue(results.summary().endsWith("; 2 failed"), results.summary());
    }

    @Test
    void whenEveryTrialFailsThereIsNoBest() {
        SearchResults results = Search.grid(SPACE).quiet().maximize(t -> Double.POSITIVE_INFINITY);

        IllegalStateException e = assertThrows(IllegalStateException.class, results::best);
        assertTrue(e.getMessage().startsWith("No trial succeeded: the score is Infinity"), e.getMessage());
        assertThrows(IllegalStateException.class, results::worst);
    }

    @Test
    void aTrialThatThrowsEndsTheSearchNamingTheTrial() {
        IllegalStateException cause = new IllegalStateException("boom");
        TrialException e = assertThrows(TrialException.class, () -> Search.grid(SPACE).quiet().maximize(t -> {
            if (t.number() == 2) {
                throw cause;
            }
            return 1;
        }));

        assertTrue(e.getMessage().startsWith("Trial 2 of 6 (learningRate=0.001, units=64) threw"), e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void runScoresATrialByTheBestEpochOfItsMetric() {
        SearchResults results = Search.grid(SearchSpace.of().values("units", 16, 64)).quiet()
                .run(Metric.VAL_LOSS, t -> history(StopReason.COMPLETED, t.getInt("units") == 64 ? 0.3 : 0.5));

        assertEquals("val_loss", results.scoreName());
        assertFalse(results.higherIsBetter());
        assertEquals(64, results.best().trial().getInt("units"));
        assertEquals(0.3, results.best().score(), 1e-12);
        assertEquals(2, results.best().epoch());
        assertEquals(0.3, results.best().history().best(Metric.VAL_LOSS), 1e-12);
    }

    @Test
    void aTrialWhoseTrainingDivergedFails() {
        SearchResults results = Search.grid(SearchSpace.of().values("learningRate", 0.01, 10.0)).quiet()
                .run(Metric.VAL_LOSS, t -> history(t.getDouble("learningRate") > 1 ? StopReason.DIVERGED : StopReason.COMPLETED, 0.4));

        assertEquals(1, results.failed().size());
        assertEquals(10.0, results.failed().get(0).trial().getDouble("learningRate"));
        assertEquals("diverged: the loss became NaN in epoch 3, batch 1", results.failed().get(0).failure());
        assertEquals(0.01, results.best().trial().getDouble("learningRate"));
    }

    @Test
    void runNeedsAHistory() {
        TrialException e = assertThrows(TrialException.class,
                () -> Search.grid(SPACE).quiet().run(Metric.VAL_ACCURACY, t -> null));

        assertTrue(e.getMessage().contains("returned null instead of the History"), e.getMessage());
    }

    @Test
    void printsAHeaderAndOneLinePerTrial() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        Search.grid(SPACE).output(out).maximize(SearchTest::accuracy);

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(7, lines.size());
        assertEquals("Grid search: 6 trials over learningRate, units, scored by score (higher is better)", lines.get(0));
        assertTrue(lines.get(1).startsWith("trial 1/6  learningRate=0.001, units=16  ->  score 0.8000  "), lines.get(1));
        assertTrue(lines.get(1).endsWith("* best so far"), lines.get(1));
        assertFalse(lines.get(5).endsWith("* best so far"), "trial 5 (0.8) does not beat trial 3 (0.9)");
    }

    @Test
    void theStopButtonEndsTheSearchAfterTheRunningTrial() {
        try {
            SearchResults results = Search.grid(SPACE).quiet().maximize(t -> {
                if (t.number() == 2) {
                    Thread.currentThread().interrupt();
                }
                return accuracy(t);
            });

            assertEquals(2, results.size());
            assertEquals("interrupted after 2 of 6 trials", results.message());
        } finally {
            Thread.interrupted();
        }
    }

    /** Three epochs of made-up validation losses, the second the best at {@code best}. */
    static History history(StopReason stop, double best) {
        List<EpochResult> epochs = List.of(
                new EpochResult(1, Map.of(Metric.LOSS, 1.0, Metric.VAL_LOSS, best + 0.2), 10),
                new EpochResult(2, Map.of(Metric.LOSS, 0.8, Metric.VAL_LOSS, best), 10),
                new EpochResult(3, Map.of(Metric.LOSS, 0.6, Metric.VAL_LOSS, best + 0.1), 10));
        String message = stop == StopReason.DIVERGED ? "the loss became NaN in epoch 3, batch 1: training diverged. Lower the "
                + "learning rate" : "all 3 epochs ran";
        return new History(epochs, stop, message, 0);
    }
}
