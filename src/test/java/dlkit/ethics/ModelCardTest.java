package dlkit.ethics;

import static dlkit.ethics.Fixtures.A_PRED;
import static dlkit.ethics.Fixtures.A_TRUTH;
import static dlkit.ethics.Fixtures.B_PRED;
import static dlkit.ethics.Fixtures.B_TRUTH;
import static dlkit.ethics.Fixtures.assertFails;
import static dlkit.ethics.Fixtures.certain;
import static dlkit.ethics.Fixtures.concat;
import static dlkit.ethics.Fixtures.groups;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dlkit.eval.ClassificationReport;
import dlkit.eval.Predictions;

class ModelCardTest {

    @TempDir
    Path dir;

    private static ModelCard card() {
        Predictions p = certain(concat(A_TRUTH, B_TRUTH), concat(A_PRED, B_PRED));
        FairnessAudit audit = FairnessAudit.of(p, "sex", groups("f", 10, "m", 10)).minGroupSize(5)
                .expectGroups("f", "m", "x");
        ModelInfo info = ModelInfo.of("loan-model", "1.2")
                .description("Predicts whether a loan is repaid.")
                .intendedUse("Decision support for loan officers.")
                .outOfScopeUse("Automatic rejection.")
                .data("20 made-up applicants.")
                .owners("Risk team <risk@example.org>")
                .limitation("Tiny data.")
                .ethicalConsideration("Sex is not an input, but proxies may remain.");
        return ModelCard.of(info, ClassificationReport.of(p), audit);
    }

    @Test
    void theMarkdownHasEverySectionAndTheMeasuredNumbers() {
        String md = card().markdown();
        for (String part : new String[]{"# Model card: loan-model 1.2", "## Intended use", "**Not intended for:** Automatic rejection.",
                "## Data", "## Metrics", "Overall accuracy **0.800** on 20 evaluation rows", "### By sex",
                "| f | 10 | 0.500 | 0.500 | 0.800 | 0.800 | 0.200 | 0.800 |  |", "| x | 0 | n/a",
                "- demographic-parity difference: 0.200 (ratio 0.600)", "- four-fifths rule: fails for m",
                "## Limitations", "- Tiny data.", "- Too few evaluation rows to judge fairness by sex for: x (0 rows).",
                "- Adverse impact by sex under the four-fifths rule for: m.", "## Ethical considerations",
                "## Notice to the people affected", "## Owners", "- Risk team <risk@example.org>"}) {
            assertTrue(md.contains(part), () -> "card lacks '" + part + "':\n" + md);
        }
    }

    @Test
    void anEqualizedOddsDifferenceThatCannotBeJudgedIsSaidSoNotShownAsANumber() {
        int[] noPositives = {0, 0, 0, 0, 0};
        int[] predicted = {1, 0, 0, 0, 0};
        Predictions p = certain(concat(A_TRUTH, noPositives), concat(A_PRED, predicted));
        FairnessAudit audit = FairnessAudit.of(p, "sex", groups("f", 10, "m", 5)).minGroupSize(5);
        String md = ModelCard.of(ModelInfo.of("m", "1"), ClassificationReport.of(p), audit).markdown();
        assertTrue(md.contains("- equalized-odds difference: cannot be judged (n/a)\n"), md);
        assertTrue(md.contains("- equal-opportunity difference: cannot be judged (n/a)\n"), md);
        assertTrue(md.contains("- By sex, the equalized-odds difference cannot be judged: the true positive rates cannot"
                + " be compared"), md);
        assertFalse(md.contains("NaN\n"), md);
    }

    @Test
    void theHtmlIsConvertedFromTheMarkdownAndEscaped() {
        String html = card().toHtml();
        assertTrue(html.contains("<h1>Model card: loan-model 1.2</h1>"), html);
        assertTrue(html.contains("<th>group</th>"), html);
        assertTrue(html.contains("<li>Risk team &lt;risk@example.org&gt;</li>"), html);
        assertTrue(html.contains("<b>Not intended for:</b>"), html);
        assertTrue(html.contains("<code>yes</code>"), html);
        assertTrue(html.contains("<blockquote>An automated model"), html);
    }

    @Test
    void theNoticeSaysAModelDecidesAndAPersonCanReview() {
        assertEquals("An automated model, loan-model (version 1.2), helps make this decision. It predicts whether a loan"
                + " is repaid. It learned from past cases and can be wrong. You can ask for a person to review the decision"
                + " and explain it; contact Risk team <risk@example.org>.", card().userNotice());
    }

    @Test
    void theCardIsSavedAsMarkdown() throws IOException {
        Path file = card().save(dir.resolve("cards/MODEL_CARD.md"));
        assertEquals(card().markdown(), Files.readString(file));
    }

    @Test
    void missingPartsAreRefusedOrSaidSo() {
        assertFails(IllegalArgumentException.class, () -> ModelInfo.of(" ", "1"), "needs a name");
        Predictions p = certain(A_TRUTH, A_PRED);
        assertFails(IllegalArgumentException.class, () -> ModelCard.of(null, ClassificationReport.of(p)), "info is null");
        String md = ModelCard.of(ModelInfo.of("m", ""), ClassificationReport.of(p)).markdown();
        assertTrue(md.contains("## Intended use\n\nNot stated."), md);
        assertTrue(md.contains("## Owners\n\nNone stated."), md);
    }
}
