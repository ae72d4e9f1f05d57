package dlkit.data;

import static dlkit.data.Fixtures.animals;
import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class SplitTest {

    /** 100 rows: class a 60, b 30, c 10; column id 0..99. */
    private static Table hundred() {
        String[] labels = new String[100];
        double[] ids = new double[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i < 60 ? "a" : i < 90 ? "b" : "c";
            ids[i] = i;
        }
        return Table.create("hundred", StringColumn.create("label", labels), DoubleColumn.create("id", ids));
    }

    private static Map<String, Integer> counts(Table table) {
        Map<String, Integer> counts = new TreeMap<>();
        table.stringColumn("label").forEach(l -> counts.merge(l, 1, Integer::sum));
        return counts;
    }

    private static List<Double> ids(Table table) {
        return new ArrayList<>(table.doubleColumn("id").asList());
    }

    @Test
    void stratifiedKeepsEachClassShare() {
        Split split = Split.stratified(hundred(), "label", 0.7, 0.15, 1);

        assertEquals(Map.of("a", 42, "b", 21, "c", 7), counts(split.train()));
        assertEquals(Map.of("a", 9, "b", 5, "c", 2), counts(split.validation()));
        assertEquals(Map.of("a", 9, "b", 4, "c", 1), counts(split.test()));
        assertEquals("Split: train 70, validation 16, test 14 rows", split.toString());
    }

    @Test
    void everyRowLandsInExactlyOnePart() {
        Split split = Split.stratified(hundred(), "label", 0.6, 0.2, 3);

        List<Double> all = new ArrayList<>(ids(split.train()));
        all.addAll(ids(split.validation()));
        all.addAll(ids(split.test()));
        all.sort(Double::compare);
        assertEquals(ids(hundred()), all);
        assertEquals("hundred (train)", split.train().name());
    }

    @Test
    void theSameSeedGivesTheSameRowsInTheSameOrder() {
        Split one = Split.stratified(hundred(), "label", 0.7, 0.15, 42);
        Split two = Split.stratified(hundred(), "label", 0.7, 0.15, 42);

        assertEquals(ids(one.train()), ids(two.train()));
        assertEquals(ids(one.validation()), ids(two.validation()));
        assertEquals(ids(one.test()), ids(two.test()));
    }

    @Test
    void anotherSeedGivesOtherRows() {
        assertNotEquals(ids(Split.stratified(hundred(), "label", 0.7, 0.15, 1).test()),
                ids(Split.stratified(hundred(), "label", 0.7, 0.15, 2).test()));
        assertNotEquals(ids(Split.random(hundred(), 0.7, 0.15, 1).test()),
                ids(Split.random(hundred(), 0.7, 0.15, 2).test()));
    }

    @Test
    void partsAreShuffledNotSortedByClass() {
        List<String> labels = Split.stratified(hundred(), "label", 0.7, 0.15, 5).train().stringColumn("label").asList();

        assertNotEquals(labels.stream().sorted().toList(), labels);
    }

    @Test
    void aZeroValidationFractionGivesAnEmptyValidationPart() {
        Split split = Split.stratified(animals(), "kind", 0.5, 0, 7);

        assertEquals(0, split.validation().rowCount());
        assertEquals(animals().columnNames(), split.validation().columnNames());
        assertEquals(6, split.train().rowCount());
        assertEquals(6, split.test().rowCount());
    }

    @Test
    void aSmallClassStillAppearsInEveryPart() {
        // owl has 3 rows here: 0.8 and 0.1 of 3 round to 2 and 0, so validation takes one from train.
        Table table = animals().append(animals().where(animals().stringColumn("kind").isEqualTo("owl")).first(1));
        Split split = Split.stratified(table, "kind", 0.8, 0.1, 7);

        assertTrue(split.validation().stringColumn("kind").contains("owl"));
        assertTrue(split.test().stringColumn("kind").contains("owl"));
        assertTrue(split.train().stringColumn("kind").contains("owl"));
    }

    @Test
    void randomSplitsByRoundedFractions() {
        Split split = Split.random(hundred(), 0.7, 0.2, 9);

        assertEquals(70, split.train().rowCount());
        assertEquals(20, split.validation().rowCount());
        assertEquals(10, split.test().rowCount());
        assertEquals(ids(split.test()), ids(Split.random(hundred(), 0.7, 0.2, 9).test()));
    }

    @Test
    void countsGiveEveryWantedPartARow() {
        assertArrayEquals(new int[]{1, 1, 1}, Split.counts(3, 0.8, 0.1));
        assertArrayEquals(new int[]{2, 0, 1}, Split.counts(3, 0.9, 0));
        assertArrayEquals(new int[]{7, 2, 1}, Split.counts(10, 0.7, 0.15));
    }

    @Test
    void aTrainFractionOfZeroIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Split.random(hundred(), 0, 0.1, 1),
                "trainFraction 0.0", "between 0 and 1", "e.g. 0.7");
    }

    @Test
    void aTrainFractionAboveOneIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Split.stratified(hundred(), "label", 1.2, 0.1, 1),
                "trainFraction 1.2", "between 0 and 1");
    }

    @Test
    void aNegativeValidationFractionIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Split.stratified(hundred(), "label", 0.7, -0.1, 1),
                "validationFraction -0.1", "at least 0", "e.g. 0.15");
    }

    @Test
    void fractionsLeavingNothingForTestAreRefused() {
        assertFails(IllegalArgumentException.class, () -> Split.stratified(hundred(), "label", 0.8, 0.2, 1),
                "trainFraction 0.8 + validationFraction 0.2", "nothing for test", "sum to less than 1");
    }

    @Test
    void anUnknownLabelColumnListsTheColumns() {
        assertFails(IllegalArgumentException.class, () -> Split.stratified(hundred(), "class", 0.7, 0.15, 1),
                "column 'class'", "[label, id]");
    }

    @Test
    void aClassTooSmallForEveryPartIsNamed() {
        assertFails(IllegalArgumentException.class, () -> Split.stratified(animals(), "kind", 0.6, 0.2, 1),
                "class 'owl'", "only 2 rows", "train, validation and test", "Split.random");
    }

    @Test
    void aMissingLabelIsNamedWithItsRow() {
        Table table = hundred();
        table.stringColumn("label").set(5, (String) null);

        assertFails(IllegalArgumentException.class, () -> Split.stratified(table, "label", 0.7, 0.15, 1),
                "missing at row 5", "Tables.dropMissing(table, \"label\")");
    }

    @Test
    void anEmptyTableIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Split.random(hundred().emptyCopy(), 0.7, 0.15, 1),
                "has no rows");
    }
}
