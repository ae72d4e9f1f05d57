package dlkit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BayesianSearchTest {

    private static final SearchSpace SPACE = SearchSpace.of()
            .logRange("learningRate", 1e-5, 1e-1)
            .intRange("units", 8, 256)
            .range("dropout", 0.0, 0.6);

    /** A made-up validation score with one best setting: learning rate 10^-2.5, 96 units, dropout 0.15. */
    static double score(Trial t) {
        double lr = Math.log10(t.getDouble("learningRate")) + 2.5;
        double units = (t.getInt("units") - 96) / 64.0;
        double dropout = (t.getDouble("dropout") - 0.15) * 2;
        return -(lr * lr + units * units + dropout * dropout);
    }

    @Test
    void atTheSameBudgetItBeatsRandomSearchOnMostSeeds() {
        int seeds = 10, budget = 30, wins = 0;
        double bayesian = 0, random = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            double b = Search.bayesian(SPACE, budget, seed).quiet().maximize(BayesianSearchTest::score).best().score();
            double r = Search.random(SPACE, budget, seed).quiet().maximize(BayesianSearchTest::score).best().score();
            bayesian += b / seeds;
            random += r / seeds;
            wins += b > r ? 1 : 0;
        }
        String summary = String.format("mean best: bayesian %.4f, random %.4f; bayesian better on %d of %d seeds",
                bayesian, random, wins, seeds);
        System.out.println(summary);
        assertTrue(wins >= 7, summary);
        assertTrue(bayesian > random, summary);
    }

    @Test
    void theSameSeedAndScoresGiveTheSameTrials() {
        List<Trial> a = new ArrayList<>(), b = new ArrayList<>();
        Search.bayesian(SPACE, 15, 3).quiet().maximize(t -> { a.add(t); return score(t); });
        Search.bayesian(SPACE, 15, 3).quiet().maximize(t -> { b.add(t); return score(t); });
        assertEquals(a, b);
        assertEquals(15, a.size());
        assertEquals(5, Search.bayesian(SPACE, 15, 3).trials().size(), "a third of the budget starts at random");
    }

    @Test
    void inASpaceOfListsNoCombinationIsTriedTwice() {
        SearchSpace lists = SearchSpace.of().values("learningRate", 1e-3, 1e-2, 1e-1).values("units", 16, 64);
        List<Map<String, Object>> tried = new ArrayList<>();
        SearchResults results = Search.bayesian(lists, 6, 1).quiet().maximize(t -> {
            tried.add(t.params());
            return -Math.abs(Math.log10(t.getDouble("learningRate")) + 2) + (t.getInt("units") == 64 ? 0.5 : 0);
        });
        assertEquals(6, new HashSet<>(tried).size(), "all six combinations, each once");
        assertEquals(0.01, results.best().trial().getDouble("learningRate"));
        assertThrows(IllegalArgumentException.class, () -> Search.bayesian(lists, 7, 1));
        assertThrows(IllegalArgumentException.class, () -> Search.bayesian(lists, 0, 1));
    }

    @Test
    void failedTrialsCountAmongTheBadOnes() {
        SearchResults results = Search.bayesian(SPACE, 12, 5).quiet()
                .maximize(t -> t.getDouble("dropout") > 0.3 ? Double.NaN : score(t));
        assertTrue(results.trials().stream().anyMatch(TrialResult::failed) || results.best().score() < 0);
        assertTrue(results.best().trial().getDouble("dropout") <= 0.3);
    }

    @Test
    void itSaysWhatItIs() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SearchResults results = Search.bayesian(SPACE, 4, 1).output(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .maximize(BayesianSearchTest::score);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("Bayesian search: 4 trials over learningRate, units, dropout"), printed);
        assertEquals("Bayesian search", results.title());
    }

    @Test
    void theParzenDensitiesIntegrateToOne() {
        Tpe.Parzen density = new Tpe.Parzen(0, 1, false, false, new double[]{0.1, 0.15, 0.8});
        double sum = 0;
        int steps = 10_000;
        for (int i = 0; i < steps; i++) {
            sum += density.at((i + 0.5) / steps) / steps;
        }
        assertEquals(1.0, sum, 1e-3);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            double x = (Double) density.sample(random);
            assertTrue(x >= 0 && x <= 1, "samples stay in the range: " + x);
        }
        assertEquals(0.5, Tpe.Parzen.phi(0), 1e-7);
        assertEquals(0.975002, Tpe.Parzen.phi(1.96), 1e-6);
        assertEquals(0.024998, Tpe.Parzen.phi(-1.96), 1e-6);
    }
}
