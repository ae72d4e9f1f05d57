package dlkit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import dlkit.data.Split;

class CrossValidationTest {

    /** 60 rows: 30 of class a, 20 of b, 10 of c, each with its own id. */
    private static Table table() {
        IntColumn id = IntColumn.create("id");
        StringColumn label = StringColumn.create("label");
        for (int i = 0; i < 60; i++) {
            id.append(i);
            label.append(i < 30 ? "a" : i < 50 ? "b" : "c");
        }
        return Table.create("rows", id, label);
    }

    private static Set<Integer> ids(Table t) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < t.rowCount(); i++) {
            ids.add(t.intColumn("id").get(i));
        }
        return ids;
    }

    private static long count(Table t, String label) {
        return t.stringColumn("label").asList().stream().filter(label::equals).count();
    }

    @Test
    void everyRowIsValidationOnceAndEachFoldKeepsTheClassShares() {
        List<Split.Fold> folds = CrossValidation.stratified(table(), "label", 5, 42).folds();
        assertEquals(5, folds.size());
        Set<Integer> seen = new HashSet<>();
        for (Split.Fold fold : folds) {
            Set<Integer> validation = ids(fold.validation()), train = ids(fold.train());
            assertEquals(12, validation.size(), fold.toString());
            assertEquals(48, train.size());
            assertTrue(validation.stream().noneMatch(train::contains), "no row on both sides");
            assertTrue(seen.addAll(validation), "no row validates twice");
            assertEquals(6, count(fold.validation(), "a"));
            assertEquals(4, count(fold.validation(), "b"));
            assertEquals(2, count(fold.validation(), "c"));
        }
        assertEquals(60, seen.size());
    }

    @Test
    void theRemaindersSpreadOverTheFolds() {
        List<Split.Fold> folds = Split.stratifiedFolds(table(), "label", 7, 1);
        for (Split.Fold fold : folds) {
            int n = fold.validation().rowCount();
            assertTrue(n == 8 || n == 9, "60 rows in 7 folds: 8 or 9 each, got " + n);
        }
    }

    @Test
    void theSameSeedGivesTheSameFolds() {
        List<Split.Fold> a = Split.stratifiedFolds(table(), "label", 5, 3), b = Split.stratifiedFolds(table(), "label", 5, 3);
        List<Split.Fold> c = Split.stratifiedFolds(table(), "label", 5, 4);
        List<Set<Integer>> ia = new ArrayList<>(), ib = new ArrayList<>(), ic = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ia.add(ids(a.get(i).validation()));
            ib.add(ids(b.get(i).validation()));
            ic.add(ids(c.get(i).validation()));
        }
        assertEquals(ia, ib);
        assertTrue(!ia.equals(ic), "another seed, other folds");
    }

    @Test
    void badFoldCountsAreRefusedWithTheFix() {
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> Split.stratifiedFolds(table(), "label", 1, 1));
        assertTrue(one.getMessage().contains("at least 2"), one.getMessage());
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                () -> Split.stratifiedFolds(table(), "label", 11, 1));
        assertTrue(many.getMessage().contains("class 'c'") && many.getMessage().contains("at most 10 folds"),
                many.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Split.stratifiedFolds(table(), "nope", 5, 1));
    }

    @Test
    void scoresHaveAMeanAndASpread() {
        CrossValidation cv = CrossValidation.stratified(table(), "label", 4, 1);
        CrossValidation.Scores scores = cv.score(fold -> fold.number());   // 1, 2, 3, 4
        assertEquals(2.5, scores.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3), scores.standardDeviation(), 1e-12);
        assertTrue(scores.toString().startsWith("2.5000 ± 1.2910 over 4 folds"), scores.toString());
        assertTrue(Double.isNaN(cv.score(fold -> fold.number() == 2 ? Double.NaN : 1).mean()));
    }

    @Test
    void aSearchCanScoreEachTrialByCrossValidation() {
        CrossValidation cv = CrossValidation.stratified(table(), "label", 3, 1);
        SearchSpace space = SearchSpace.of().values("k", 1, 2, 3);
        List<Integer> folds = new ArrayList<>();
        SearchResults results = Search.grid(space).quiet().maximize(trial -> cv.score(fold -> {
            folds.add(fold.number());
            return -Math.abs(trial.getInt("k") - 2);
        }).mean());
        assertEquals(2, results.best().trial().getInt("k"));
        assertEquals(9, folds.size(), "3 trials x 3 folds");
    }
}
