package dlkit.ethics;

import static dlkit.ethics.Fixtures.A_PRED;
import static dlkit.ethics.Fixtures.A_TRUTH;
import static dlkit.ethics.Fixtures.B_PRED;
import static dlkit.ethics.Fixtures.B_TRUTH;
import static dlkit.ethics.Fixtures.C_PRED;
import static dlkit.ethics.Fixtures.C_TRUTH;
import static dlkit.ethics.Fixtures.assertFails;
import static dlkit.ethics.Fixtures.certain;
import static dlkit.ethics.Fixtures.concat;
import static dlkit.ethics.Fixtures.groups;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dlkit.eval.Predictions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class FairnessAuditTest {

    private static final double EPS = 1e-12;

    private static FairnessAudit twoGroups() {
        return FairnessAudit.of(certain(concat(A_TRUTH, B_TRUTH), concat(A_PRED, B_PRED)), "g", groups("a", 10, "b", 10))
                .minGroupSize(1);
    }

    @Test
    void perGroupRatesFollowTheStandardDefinitions() {
        FairnessAudit audit = twoGroups();
        GroupMetrics a = audit.group("a");
        GroupMetrics b = audit.group("b");
        // a: 5 of 10 positive; selected 5 (TP 4, FP 1); correct 4 TP + 4 TN = 8.
        assertEquals(10, a.size());
        assertEquals(0.5, a.baseRate(), EPS);
        assertEquals(0.5, a.selectionRate(), EPS);
        assertEquals(0.8, a.accuracy(), EPS);
        assertEquals(0.8, a.truePositiveRate(), EPS);   // 4 / 5
        assertEquals(0.2, a.falsePositiveRate(), EPS);  // 1 / 5
        assertEquals(0.8, a.precision(), EPS);          // 4 / 5
        // b: 3 of 10 positive; selected 3 (TP 2, FP 1); correct 2 TP + 6 TN = 8. fairlearn: 0.3, 0.666667, 0.142857.
        assertEquals(0.3, b.baseRate(), EPS);
        assertEquals(0.3, b.selectionRate(), EPS);
        assertEquals(0.8, b.accuracy(), EPS);
        assertEquals(2.0 / 3, b.truePositiveRate(), EPS);
        assertEquals(1.0 / 7, b.falsePositiveRate(), EPS);
        assertEquals(2.0 / 3, b.precision(), EPS);
        assertFalse(a.tooSmall());
    }

    @Test
    void differencesAndRatiosAgreeWithFairlearn() {
        FairnessAudit audit = twoGroups();
        // fairlearn: dpd 0.2, dpr 0.6, eod 0.13333333333333341, eopp 0.13333333333333341.
        assertEquals(0.5 - 0.3, audit.demographicParityDifference(), EPS);
        assertEquals(0.3 / 0.5, audit.demographicParityRatio(), EPS);
        // TPR difference 0.8 - 2/3 = 0.1333 exceeds FPR difference 0.2 - 1/7 = 0.0571.
        assertEquals(0.8 - 2.0 / 3, audit.equalizedOddsDifference(), 1e-15);
        assertEquals(0.13333333333333341, audit.equalOpportunityDifference(), 1e-15);
        assertEquals(0.2 - 1.0 / 7, audit.falsePositiveRateDifference(), EPS);
        // Disparate impact: b's rate over a's, 0.6 < 0.8, so the four-fifths rule fails for b.
        assertEquals(0.6, audit.disparateImpactRatio(), EPS);
        assertEquals(1.0, audit.impactRatio("a"), EPS);
        assertFalse(audit.passesFourFifthsRule());
        assertEquals(List.of("b"), audit.adverseImpact());
        assertEquals(0.8, audit.accuracy(), EPS);
        assertEquals(0.4, audit.selectionRate(), EPS);
    }

    @Test
    void threeUnevenGroupsAgreeWithFairlearn() {
        int[] truth = {1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0};
        int[] pred = {1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 1, 0};
        FairnessAudit audit = FairnessAudit.of(certain(truth, pred), "g", groups("x", 8, "y", 6, "z", 8)).minGroupSize(1);
        // fairlearn by group: x sel 0.5 tpr 0.75 fpr 0.25; y 0.333 0.333 0.333; z 0.625 0.8 0.333.
        assertEquals(0.5, audit.group("x").selectionRate(), EPS);
        assertEquals(1.0 / 3, audit.group("y").truePositiveRate(), EPS);
        assertEquals(0.8, audit.group("z").precision(), EPS);
        // fairlearn: dpd 0.2916666666666667, dpr 0.5333333333333333, eod 0.46666666666666673.
        assertEquals(0.2916666666666667, audit.demographicParityDifference(), 1e-15);
        assertEquals(0.5333333333333333, audit.demographicParityRatio(), 1e-15);
        assertEquals(0.46666666666666673, audit.equalizedOddsDifference(), 1e-15);
        assertEquals(0.46666666666666673, audit.equalOpportunityDifference(), 1e-15);
    }

    @Test
    void aGroupWithNoPositivesHasNoTprAndIsLeftOutOfThatComparison() {
        Predictions p = certain(concat(A_TRUTH, B_TRUTH, C_TRUTH), concat(A_PRED, B_PRED, C_PRED));
        FairnessAudit audit = FairnessAudit.of(p, "g", groups("a", 10, "b", 10, "c", 5)).minGroupSize(1);
        GroupMetrics c = audit.group("c");
        assertTrue(Double.isNaN(c.truePositiveRate()));
        assertTrue(Double.isNaN(c.precision()) == false); // selected 1, TP 0: precision 0
        assertEquals(0.0, c.precision(), EPS);
        assertEquals(0.2, c.falsePositiveRate(), EPS);
        // Selection rates 0.5, 0.3, 0.2: as fairlearn (dpd 0.3, dpr 0.4).
        assertEquals(0.3, audit.demographicParityDifference(), EPS);
        assertEquals(0.4, audit.demographicParityRatio(), EPS);
        // fairlearn counts c's undefined TPR as 0 and reports eod = eopp = 0.8; here c is left out of the TPR
        // comparison: TPR difference 0.8 - 2/3 over a and b; FPR difference over a, b, c = 0.2 - 1/7.
        assertEquals(0.8 - 2.0 / 3, audit.equalOpportunityDifference(), 1e-15);
        assertEquals(0.8 - 2.0 / 3, audit.equalizedOddsDifference(), 1e-15);
        assertTrue(audit.notes().stream().anyMatch(n -> n.contains("'c' has no positive")), audit.notes().toString());
    }

    @Test
    void equalizedOddsCannotBeJudgedWhenTheTruePositiveRatesCannotBeCompared() {
        // a has positives and negatives, c has no positives; both have FPR 0.2, so the FPR alone reads as parity.
        FairnessAudit audit = FairnessAudit.of(certain(concat(A_TRUTH, C_TRUTH), concat(A_PRED, C_PRED)), "g",
                groups("a", 10, "c", 5)).minGroupSize(1);
        assertEquals(0.0, audit.falsePositiveRateDifference(), EPS);
        assertTrue(Double.isNaN(audit.equalOpportunityDifference()));
        assertTrue(Double.isNaN(audit.equalizedOddsDifference()));
        assertTrue(audit.notes().stream().anyMatch(n -> n.contains("the equalized-odds difference cannot be judged: the"
                + " true positive rates cannot be compared (fewer than two compared groups have positive ('yes') rows)")
                && n.contains("NaN, not 0")), audit.notes().toString());
        assertTrue(audit.toString().contains("equalized-odds difference: cannot be judged (n/a)"), audit.toString());
        assertTrue(audit.toHtml().contains("equalized-odds difference: <b>cannot be judged (n/a)</b>"), audit.toHtml());
        Table compared = FairnessAudit.compare(Map.of("model", audit));
        assertEquals("n/a", compared.column("equalized-odds difference").getString(0));
    }

    @Test
    void equalizedOddsCannotBeJudgedWhenTheFalsePositiveRatesCannotBeCompared() {
        int[] allPositive = {1, 1, 1, 1, 1};
        int[] found = {1, 1, 1, 0, 1};
        FairnessAudit audit = FairnessAudit.of(certain(concat(A_TRUTH, allPositive), concat(A_PRED, found)), "g",
                groups("a", 10, "d", 5)).minGroupSize(1);
        assertEquals(0.0, audit.equalOpportunityDifference(), EPS); // TPR 0.8 in both
        assertTrue(Double.isNaN(audit.equalizedOddsDifference()));
        assertTrue(audit.notes().stream().anyMatch(n -> n.contains("the false positive rates cannot be compared (fewer"
                + " than two compared groups have negative rows)")), audit.notes().toString());
    }

    @Test
    void aPerfectClassifierWithBothClassesInEveryGroupHasEqualizedOddsZero() {
        FairnessAudit model = twoGroups();
        FairnessAudit perfect = model.withPredictions(model.predictions().withPredicted(model.predictions().truth()));
        assertEquals(0.0, perfect.equalizedOddsDifference());
        assertTrue(perfect.notes().stream().noneMatch(n -> n.contains("equalized-odds")), perfect.notes().toString());
    }

    @Test
    void anEmptyGroupIsShownAndFlaggedNotCompared() {
        FairnessAudit audit = twoGroups().expectGroups("a", "b", "female single");
        GroupMetrics empty = audit.group("female single");
        assertEquals(0, empty.size());
        assertTrue(empty.tooSmall());
        assertTrue(Double.isNaN(empty.selectionRate()));
        assertEquals(3, audit.groups().size());
        assertEquals(0.2, audit.demographicParityDifference(), EPS);
        assertTrue(audit.notes().stream().anyMatch(n -> n.contains("'female single' has no rows")));
        assertTrue(audit.table().stringColumn("flag").asList().contains("empty"));
    }

    @Test
    void aGroupTooSmallIsFlaggedAndLeftOutOfTheComparisons() {
        Predictions p = certain(concat(A_TRUTH, B_TRUTH, C_TRUTH), concat(A_PRED, B_PRED, C_PRED));
        FairnessAudit audit = FairnessAudit.of(p, "g", groups("a", 10, "b", 10, "c", 5)).minGroupSize(10);
        assertTrue(audit.group("c").tooSmall());
        // Without c, as with two groups.
        assertEquals(0.2, audit.demographicParityDifference(), EPS);
        assertTrue(audit.notes().stream().anyMatch(n -> n.contains("'c' has 5 rows, fewer than 10")));
        assertTrue(audit.toString().contains("too small to judge"));
    }

    @Test
    void aSingleGroupHasNothingToCompare() {
        FairnessAudit audit = FairnessAudit.of(certain(A_TRUTH, A_PRED), "g", groups("a", 10)).minGroupSize(1);
        assertEquals(0.5, audit.group("a").selectionRate(), EPS);
        // fairlearn reports dpd 0.0, dpr 1.0, eod 0.0 for one group; here: NaN, not evidence of parity.
        assertTrue(Double.isNaN(audit.demographicParityDifference()));
        assertTrue(Double.isNaN(audit.demographicParityRatio()));
        assertTrue(Double.isNaN(audit.equalizedOddsDifference()));
        assertFalse(audit.passesFourFifthsRule());
        assertTrue(audit.notes().stream().anyMatch(n -> n.contains("only one group")));
    }

    @Test
    void defaultMinimumGroupSizeFlagsTheSmallFixture() {
        FairnessAudit audit = FairnessAudit.of(certain(A_TRUTH, A_PRED), "g", groups("a", 10));
        assertEquals(FairnessAudit.DEFAULT_MIN_GROUP_SIZE, audit.minGroupSize());
        assertTrue(audit.group("a").tooSmall());
        assertTrue(audit.notes().stream().anyMatch(n -> n.contains("no group has at least 30")));
    }

    @Test
    void thePositiveClassCanBeTheFirst() {
        FairnessAudit audit = twoGroups().positive("no");
        // a: 5 negatives of which 4 predicted "no": selection of "no" 5/10; b: 7 negatives, "no" predicted 7 times.
        assertEquals(0.5, audit.group("a").selectionRate(), EPS);
        assertEquals(0.7, audit.group("b").selectionRate(), EPS);
        assertEquals(6.0 / 7, audit.group("b").truePositiveRate(), EPS);
        assertEquals("no", audit.positiveClass());
    }

    private static Table people() {
        return Table.create("people",
                StringColumn.create("sex", groups("f", 10, "m", 10)),
                StringColumn.create("age", groups("young", 5, "old", 5, "young", 5, "old", 5)),
                DoubleColumn.create("income", java.util.stream.IntStream.range(0, 20).asDoubleStream().toArray()));
    }

    @Test
    void groupsComeFromTableColumnsAndTheirCombinations() {
        Predictions p = certain(concat(A_TRUTH, B_TRUTH), concat(A_PRED, B_PRED));
        FairnessAudit bySex = FairnessAudit.of(p, people(), "sex").minGroupSize(1);
        assertEquals(0.2, bySex.demographicParityDifference(), EPS);
        assertEquals("sex", bySex.attribute());
        FairnessAudit both = FairnessAudit.of(p, people(), "sex", "age").minGroupSize(1);
        assertEquals(List.of("f & old", "f & young", "m & old", "m & young"),
                both.groups().stream().map(GroupMetrics::group).toList());
        // f & young = rows 0-4 of a: all positive, 4 selected.
        assertEquals(0.8, both.group("f & young").selectionRate(), EPS);
        assertEquals("sex & age", both.attribute());
    }

    @Test
    void badInputIsRefusedWithTheValueAndTheFix() {
        Predictions p = certain(concat(A_TRUTH, B_TRUTH), concat(A_PRED, B_PRED));
        assertFails(IllegalArgumentException.class, () -> FairnessAudit.of(p, people(), "gender"),
                "column 'gender' is not in table 'people'", "[sex, age, income]");
        assertFails(IllegalArgumentException.class, () -> FairnessAudit.of(p, people().first(15), "sex"),
                "has 15 rows but the predictions have 20", "same order");
        assertFails(IllegalArgumentException.class, () -> FairnessAudit.of(p, "g", groups("a", 19)),
                "19 group names for 20 predictions", "misaligned");
        assertFails(IllegalArgumentException.class, () -> FairnessAudit.of(p, "g", new String[0]),
                "no groups given (empty data)");
        assertFails(IllegalArgumentException.class, () -> FairnessAudit.of(p, people().emptyCopy(), "sex"),
                "has 0 rows but the predictions have 20");
        assertFails(IllegalArgumentException.class, () -> FairnessAudit.of(p, people(), "income"),
                "'income' is a number with 20 distinct values", "bin it first");
        assertFails(IllegalArgumentException.class, () -> twoGroups().positive("maybe"),
                "no class 'maybe'", "[no, yes]");
        assertFails(IllegalArgumentException.class, () -> twoGroups().group("z"), "no group 'z'", "[a, b]");
        assertFails(IllegalArgumentException.class, () -> twoGroups().minGroupSize(0), "at least 1 row");
        assertFails(IllegalArgumentException.class, () -> twoGroups().withPredictions(certain(A_TRUTH, A_PRED)),
                "10 rows", "20 rows");
    }

    @Test
    void missingSensitiveValuesFormTheirOwnGroup() {
        Table t = Table.create("t", StringColumn.create("sex", new String[]{"f", "", "m", "f"}));
        assertEquals(List.of("f", FairnessAudit.MISSING, "m", "f"), List.of(FairnessAudit.groupsOf(t, "sex")));
    }

    @Test
    void auditsAreComparedAndShownAsTablesAndHtml() {
        FairnessAudit before = twoGroups();
        FairnessAudit after = before.withPredictions(certain(concat(A_TRUTH, B_TRUTH), concat(A_TRUTH, B_TRUTH)));
        Map<String, FairnessAudit> audits = new LinkedHashMap<>();
        audits.put("before", before);
        audits.put("perfect", after);
        Table t = FairnessAudit.compare(audits);
        assertEquals(List.of("before", "perfect"), t.stringColumn("audit").asList());
        assertEquals(0.2, t.doubleColumn("demographic-parity difference").get(0), EPS);
        // A perfect classifier selects at the base rates, 0.5 and 0.3: demographic parity still differs by 0.2,
        // while its equalized-odds difference is 0. Fairness definitions disagree when base rates differ.
        assertEquals(0.2, t.doubleColumn("demographic-parity difference").get(1), EPS);
        assertEquals(0.0, t.doubleColumn("equalized-odds difference").get(1), EPS);
        assertEquals(1.0, t.doubleColumn("accuracy").get(1), EPS);
        assertEquals(List.of("fails", "fails"), t.stringColumn("four-fifths rule").asList());
        assertTrue(before.toHtml().contains("<th>selection rate</th>"));
        assertTrue(before.toHtml().contains("demographic-parity difference: <b>0.200</b>"));
        assertEquals(2, before.table().rowCount());
        assertFails(IllegalArgumentException.class, () -> FairnessAudit.compare(Map.of()), "no audits");
    }
}
