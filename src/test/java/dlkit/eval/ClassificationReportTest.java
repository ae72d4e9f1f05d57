package dlkit.eval;

import static dlkit.eval.PredictionsTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dlkit.eval.ClassificationReport.Scores;

/**
 * Expected values are scikit-learn 1.9's precision_recall_fscore_support(truth, predicted,
 * labels=range(k), zero_division=0), checked by hand in the comments.
 */
class ClassificationReportTest {

    private static final double EXACT = 1e-15;

    private static void assertScores(Scores row, double precision, double recall, double f1, int support) {
        assertEquals(precision, row.precision(), EXACT, row.name() + " precision");
        assertEquals(recall, row.recall(), EXACT, row.name() + " recall");
        assertEquals(f1, row.f1(), EXACT, row.name() + " f1");
        assertEquals(support, row.support(), row.name() + " support");
    }

    @Test
    void aClassThatIsNeverPredictedHasPrecisionZero() {
        // counts cat [3 1 0], dog [1 1 0], bird [2 2 0]; predicted as: cat 6, dog 4, bird 0
        ClassificationReport report = ClassificationReport.of(Fixtures.neverPredicted());

        // cat: precision 3 / 6 = 0.5, recall 3 / 4 = 0.75, f1 2 * 0.5 * 0.75 / 1.25 = 0.6
        assertScores(report.get("cat"), 0.5, 0.75, 0.6, 4);
        // dog: precision 1 / 4 = 0.25, recall 1 / 2 = 0.5, f1 2 * 0.25 * 0.5 / 0.75 = 1/3
        assertScores(report.get("dog"), 0.25, 0.5, 1.0 / 3, 2);
        // bird: never predicted, so precision 0 (zero_division=0), recall 0 / 4, f1 0
        assertScores(report.get("bird"), 0.0, 0.0, 0.0, 4);
        assertEquals(0.4, report.accuracy());
        // macro: precision (0.5 + 0.25 + 0) / 3 = 0.25, recall 1.25 / 3 = 0.4167, f1 (0.6 + 1/3) / 3 = 0.3111
        assertScores(report.macroAverage(), 0.25, 0.4166666666666667, 0.3111111111111111, 10);
        // weighted by support 4, 2, 4: recall (3 + 1 + 0) / 10 = 0.4, f1 (2.4 + 2/3) / 10 = 0.30667
        assertScores(report.weightedAverage(), 0.25, 0.4, 0.30666666666666664, 10);
        assertEquals(List.of("cat", "dog", "bird"), report.perClass().stream().map(Scores::name).toList());
    }

    @Test
    void anEmptyClassHasSupportZeroAndStillCountsInTheMacroAverage() {
        // truth 0 0 1 1, predicted 0 2 1 1: c is predicted once but never occurs
        ClassificationReport report = ClassificationReport.of(Fixtures.emptyClass());

        // a: 1 / 1 predicted right, 1 of 2 found: f1 2 * 1 * 0.5 / 1.5 = 2/3
        assertScores(report.get("a"), 1.0, 0.5, 0.6666666666666666, 2);
        assertScores(report.get("b"), 1.0, 1.0, 1.0, 2);
        // c: precision 0 / 1, recall undefined (no examples) -> 0, support 0
        assertScores(report.get("c"), 0.0, 0.0, 0.0, 0);
        // macro over all 3 classes: precision 2/3, recall 1.5 / 3 = 0.5, f1 (2/3 + 1 + 0) / 3 = 0.5556
        assertScores(report.macroAverage(), 0.6666666666666666, 0.5, 0.5555555555555555, 4);
        // weighted by 2, 2, 0: precision 1.0, recall 0.75, f1 (4/3 + 2) / 4 = 0.8333
        assertScores(report.weightedAverage(), 1.0, 0.75, 0.8333333333333333, 4);
        assertEquals(0.75, report.accuracy());
    }

    @Test
    void weightedAndMacroAveragesDifferWhenClassesDifferInSize() {
        // truth 6 x no, 2 x yes; counts no [5 1], yes [1 1]
        ClassificationReport report = ClassificationReport.of(Fixtures.imbalancedBinary());

        // no: 5 / 6 everywhere; yes: 1 / 2 everywhere
        assertScores(report.get("no"), 0.8333333333333334, 0.8333333333333334, 0.8333333333333334, 6);
        assertScores(report.get("yes"), 0.5, 0.5, 0.5, 2);
        // macro (5/6 + 1/2) / 2 = 0.6667; weighted (6 * 5/6 + 2 * 1/2) / 8 = 0.75
        assertScores(report.macroAverage(), 0.6666666666666667, 0.6666666666666667, 0.6666666666666667, 8);
        assertScores(report.weightedAverage(), 0.75, 0.75, 0.75, 8);
    }

    @Test
    void perfectPredictionsScoreOneEverywhere() {
        ClassificationReport report = ClassificationReport.of(
                Fixtures.certain(new int[]{0, 1, 2, 1}, new int[]{0, 1, 2, 1}, List.of("a", "b", "c")));

        for (Scores row : report.perClass()) {
            assertScores(row, 1.0, 1.0, 1.0, row.name().equals("b") ? 2 : 1);
        }
        assertScores(report.macroAverage(), 1.0, 1.0, 1.0, 4);
        assertScores(report.weightedAverage(), 1.0, 1.0, 1.0, 4);
        assertEquals(1.0, report.accuracy());
    }

    @Test
    void allWrongPredictionsScoreZeroEverywhere() {
        ClassificationReport report = ClassificationReport.of(
                Fixtures.certain(new int[]{0, 1, 2, 1}, new int[]{1, 2, 0, 0}, List.of("a", "b", "c")));

        for (Scores row : report.perClass()) {
            assertScores(row, 0.0, 0.0, 0.0, row.name().equals("b") ? 2 : 1);
        }
        assertScores(report.macroAverage(), 0.0, 0.0, 0.0, 4);
        assertScores(report.weightedAverage(), 0.0, 0.0, 0.0, 4);
        assertEquals(0.0, report.accuracy());
    }

    @Test
    void textIsLaidOutLikeScikitLearn() {
        // classification_report(truth, predicted, labels=range(3), target_names=[...], zero_division=0, digits=4)
        assertEquals("""
                              precision    recall  f1-score   support

                         cat     0.5000    0.7500    0.6000         4
                         dog     0.2500    0.5000    0.3333         2
                        bird     0.0000    0.0000    0.0000         4

                    accuracy                         0.4000        10
                   macro avg     0.2500    0.4167    0.3111        10
                weighted avg     0.2500    0.4000    0.3067        10""",
                ClassificationReport.of(Fixtures.neverPredicted()).toString());
    }

    @Test
    void htmlHasOneRowPerClassAndTheAverages() {
        String html = ClassificationReport.of(Fixtures.emptyClass()).toHtml();

        assertTrue(html.startsWith("<table"), html);
        for (String fragment : new String[]{"<th>a</th>", "<th>c</th>", "<th>accuracy</th>", "<th>macro avg</th>",
                "<th>weighted avg</th>", ">0.5556</td>", ">0.8333</td>"}) {
            assertTrue(html.contains(fragment), () -> fragment + " not in " + html);
        }
    }

    @Test
    void anUnknownClassIsRefused() {
        refused(() -> ClassificationReport.of(Fixtures.emptyClass()).get("d"), "no class 'd'", "the classes are [a, b, c]");
    }
}
