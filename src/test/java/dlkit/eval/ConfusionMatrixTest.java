package dlkit.eval;

import static dlkit.eval.PredictionsTest.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void countsTruthDownAndPredictionsAcross() {
        ConfusionMatrix cm = ConfusionMatrix.of(Fixtures.neverPredicted());

        // as scikit-learn's confusion_matrix(truth, predicted, labels=range(3))
        assertArrayEquals(new int[][]{{3, 1, 0}, {1, 1, 0}, {2, 2, 0}}, cm.counts());
        assertEquals(List.of("cat", "dog", "bird"), cm.classes());
        assertEquals(2, cm.count(2, 0));
        assertEquals(1, cm.count(0, 1));
        assertEquals(2, cm.count("bird", "dog"));
        assertEquals(10, cm.total());
    }

    @Test
    void perfectAndAllWrongPredictions() {
        List<String> abc = List.of("a", "b", "c");
        ConfusionMatrix perfect = ConfusionMatrix.of(Fixtures.certain(new int[]{0, 1, 2, 1}, new int[]{0, 1, 2, 1}, abc));
        ConfusionMatrix wrong = ConfusionMatrix.of(Fixtures.certain(new int[]{0, 1, 2, 1}, new int[]{1, 2, 0, 0}, abc));

        assertArrayEquals(new int[][]{{1, 0, 0}, {0, 2, 0}, {0, 0, 1}}, perfect.counts());
        assertEquals(List.of(), perfect.mostConfused(3));
        assertArrayEquals(new int[][]{{0, 1, 0}, {1, 0, 1}, {1, 0, 0}}, wrong.counts());
    }

    @Test
    void normalizedRowsSumToOneAndAnEmptyRowStaysZero() {
        double[][] rows = ConfusionMatrix.of(Fixtures.emptyClass()).normalized();

        // counts a [1 0 1], b [0 2 0], c [0 0 0]: class c never occurs
        assertArrayEquals(new double[]{0.5, 0.0, 0.5}, rows[0]);
        assertArrayEquals(new double[]{0.0, 1.0, 0.0}, rows[1]);
        assertArrayEquals(new double[]{0.0, 0.0, 0.0}, rows[2]);
        // cat row [3 1 0] / 4
        assertArrayEquals(new double[]{0.75, 0.25, 0.0}, ConfusionMatrix.of(Fixtures.neverPredicted()).normalized()[0]);
    }

    @Test
    void mostConfusedListsTheBiggestMistakesFirst() {
        List<ConfusionMatrix.Confusion> top = ConfusionMatrix.of(Fixtures.neverPredicted()).mostConfused(3);

        // off-diagonal counts: bird->cat 2, bird->dog 2, cat->dog 1, dog->cat 1; ties in class order
        assertEquals(List.of(
                new ConfusionMatrix.Confusion(2, 0, "bird", "cat", 2),
                new ConfusionMatrix.Confusion(2, 1, "bird", "dog", 2),
                new ConfusionMatrix.Confusion(0, 1, "cat", "dog", 1)), top);
        assertEquals("bird -> cat: 2", top.get(0).toString());
        assertEquals(4, ConfusionMatrix.of(Fixtures.neverPredicted()).mostConfused(100).size());
    }

    @Test
    void mostConfusedNeedsAPositiveCount() {
        refused(() -> ConfusionMatrix.of(Fixtures.neverPredicted()).mostConfused(0), "mostConfused(0)", "at least 1");
    }

    @Test
    void countsOfUnknownClassesAreRefused() {
        ConfusionMatrix cm = ConfusionMatrix.of(Fixtures.neverPredicted());
        refused(() -> cm.count(3, 0), "truth class index 3 is out of range", "[cat, dog, bird], 0..2");
        refused(() -> cm.count(0, -1), "predicted class index -1");
        refused(() -> cm.count("cow", "cat"), "'cow' is not a class", "[cat, dog, bird]");
    }

    @Test
    void aMatrixMadeByHandIsChecked() {
        refused(() -> new ConfusionMatrix(new int[][]{{1, 2}, {3, 4}}, List.of("a", "b", "c")),
                "2 rows for 3 classes", "3 x 3 table");
        refused(() -> new ConfusionMatrix(new int[][]{{1, 2}, {3}}, List.of("a", "b")), "row 1 of the counts has 1 columns");
        refused(() -> new ConfusionMatrix(new int[][]{{1, -2}, {3, 4}}, List.of("a", "b")),
                "count[0][1] is -2", "cannot be negative");
    }

    @Test
    void theCountsAreCopiedInAndOut() {
        int[][] counts = {{1, 2}, {3, 4}};
        ConfusionMatrix cm = new ConfusionMatrix(counts, List.of("a", "b"));
        counts[0][0] = 99;
        cm.counts()[0][1] = 99;

        assertEquals(1, cm.count(0, 0));
        assertEquals(2, cm.count(0, 1));
        assertEquals(new ConfusionMatrix(new int[][]{{1, 2}, {3, 4}}, List.of("a", "b")), cm);
        assertEquals(new ConfusionMatrix(new int[][]{{1, 2}, {3, 4}}, List.of("a", "b")).hashCode(), cm.hashCode());
        assertNotEquals(new ConfusionMatrix(new int[][]{{1, 2}, {3, 5}}, List.of("a", "b")), cm);
    }

    @Test
    void textIsAnAlignedTable() {
        String text = ConfusionMatrix.of(Fixtures.neverPredicted()).toString();

        assertEquals("""
                true \\ predicted  cat  dog  bird
                             cat    3    1     0
                             dog    1    1     0
                            bird    2    2     0""", text);
    }

    @Test
    void htmlIsATableWithHeadersAndEscapedNames() {
        ConfusionMatrix cm = new ConfusionMatrix(new int[][]{{5, 1}, {0, 4}}, List.of("<a>", "b&c"));
        String html = cm.toHtml();

        assertTrue(html.startsWith("<table"), html);
        assertTrue(html.contains("<th>&lt;a&gt;</th>"), html);
        assertTrue(html.contains("<th>b&amp;c</th>"), html);
        assertTrue(html.contains(">5</td>"), html);
        assertTrue(html.contains("10 examples"), html);
        assertTrue(html.endsWith("</table>"), html);
    }
}
