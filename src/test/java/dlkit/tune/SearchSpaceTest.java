package dlkit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    private static final SearchSpace SPACE = SearchSpace.of()
            .values("learningRate", 1e-3, 1e-2)
            .values("units", 16, 32, 64)
            .values("activation", "relu", "tanh");

    @Test
    void theGridIsEveryCombinationWithTheFirstParameterChangingSlowest() {
        List<Trial> grid = SPACE.grid();

        assertEquals(12, grid.size());
        assertEquals(12, SPACE.gridSize());
        assertEquals(Map.of("learningRate", 1e-3, "units", 16, "activation", "relu"), grid.get(0).params());
        assertEquals(Map.of("learningRate", 1e-3, "units", 16, "activation", "tanh"), grid.get(1).params());
        assertEquals(Map.of("learningRate", 1e-2, "units", 64, "activation", "tanh"), grid.get(11).params());
        assertEquals(List.of(1, 2, 3), grid.subList(0, 3).stream().map(Trial::number).toList());
        assertEquals(12, grid.stream().map(Trial::params).distinct().count());
    }

    @Test
    void valuesKeepTheirJavaType() {
        Trial first = SPACE.grid().get(0);

        assertTrue(first.get("learningRate") instanceof Double);
        assertTrue(first.get("units") instanceof Integer);
        assertTrue(first.get("activation") instanceof String);
        assertEquals(List.of("learningRate", "units", "activation"), List.copyOf(first.params().keySet()));
    }

    @Test
    void namesAreInTheOrderTheyWereAdded() {
        assertEquals(List.of("learningRate", "units", "activation"), SPACE.names());
        assertTrue(SPACE.isGrid());
        assertFalse(SPACE.range("dropout", 0, 0.5).isGrid());
    }

    @Test
    void aSpaceIsImmutable() {
        SearchSpace base = SearchSpace.of().values("units", 8);
        base.values("layers", 1, 2);

        assertEquals(List.of("units"), base.names());
    }

    @Test
    void badParametersAreRefusedWithTheFix() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchSpace.of().values("units", new int[0]))
                .getMessage().contains("'units' has no values"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SPACE.values("units", 128))
                .getMessage().contains("'units' is already in the space [learningRate, units, activation]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchSpace.of().values("lr", 0.1, Double.NaN))
                .getMessage().contains("NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchSpace.of().values("units", 8, 16, 8))
                .getMessage().contains("repeats a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchSpace.of().values(" ", 1))
                .getMessage().contains("needs a name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchSpace.of().range("dropout", 0.5, 0.5))
                .getMessage().contains("[0.5, 0.5] is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchSpace.of().logRange("lr", 0, 0.1))
                .getMessage().contains("0 < min < max"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchSpace.of().intRange("layers", 3, 1))
                .getMessage().contains("[3, 1] is empty"));
    }

    @Test
    void aGridNeedsListsNotRanges() {
        SearchSpace withRange = SPACE.range("dropout", 0.0, 0.5);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, withRange::gridSize);
        assertTrue(e.getMessage().contains("'dropout' is a range"), e.getMessage());
        assertTrue(e.getMessage().contains("Search.random"), e.getMessage());
    }

    @Test
    void samplesStayInsideTheirRanges() {
        SearchSpace space = SearchSpace.of().range("dropout", 0.1, 0.4).logRange("lr", 1e-4, 1e-1)
                .intRange("layers", 1, 3).values("units", 16, 32);

        List<Trial> trials = space.sample(400, 1);

        for (Trial t : trials) {
            assertTrue(t.getDouble("dropout") >= 0.1 && t.getDouble("dropout") <= 0.4);
            assertTrue(t.getDouble("lr") >= 1e-4 && t.getDouble("lr") <= 1e-1);
            assertTrue(t.getInt("layers") >= 1 && t.getInt("layers") <= 3);
            assertTrue(List.of(16, 32).contains(t.getInt("units")));
        }
        assertEquals(3, trials.stream().map(t -> t.getInt("layers")).distinct().count(), "every whole number is drawn");
    }

    @Test
    void aLogRangeDrawsEachFactorOfTenAboutEquallyOften() {
        List<Trial> trials = SearchSpace.of().logRange("lr", 1e-4, 1e-1).sample(3000, 7);

        long belowOneThousandth = trials.stream().filter(t -> t.getDouble("lr") < 1e-3).count();
        // One decade of three: a third of the draws (a uniform draw would put 0.9% there).
        assertEquals(1000, belowOneThousandth, 100);
    }

    @Test
    void samplingListsOnlyNeverRepeatsACombination() {
        List<Trial> trials = SPACE.sample(12, 3);

        assertEquals(12, trials.stream().map(Trial::params).distinct().count());
    }

    @Test
    void describesItself() {
        String text = SPACE.range("dropout", 0.0, 0.5).toString();

        assertTrue(text.startsWith("SearchSpace of 4 parameters"), text);
        assertTrue(text.contains("learningRate in [0.001, 0.01]"), text);
        assertTrue(text.contains("dropout uniform in [0, 0.5]"), text);
        assertEquals("SearchSpace (empty)", SearchSpace.of().toString());
    }
}
