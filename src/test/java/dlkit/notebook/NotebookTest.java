package dlkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class NotebookTest {

    @Test
    void aCheckThatHoldsSaysSo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        Notebook.check(true, "accuracy above 97%", out);

        assertEquals("✔ accuracy above 97%", bytes.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void aCheckThatFailsThrowsWithItsDescription() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        CheckFailed e = assertThrows(CheckFailed.class, () -> Notebook.check(false, "loss below 0.1", out));

        assertTrue(e.getMessage().contains("check failed: loss below 0.1"), e.getMessage());
        assertTrue(e.getMessage().contains("mode " + Notebook.mode().name().toLowerCase()), e.getMessage());
        assertEquals(0, bytes.size());
    }

    @Test
    void aFailedCheckFailsLikeAnAssertion() {
        assertThrows(AssertionError.class, () -> Notebook.check(false, "%d > %d", 1, 2));
    }

    @Test
    void theFormattedDescriptionIsFilledIn() {
        CheckFailed e = assertThrows(CheckFailed.class, () -> Notebook.check(false, "accuracy %.2f > %.2f", 0.5, 0.9));
        assertTrue(e.getMessage().contains("accuracy 0.50 > 0.90"), e.getMessage());
    }

    @Test
    void aCheckNeedsADescription() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Notebook.check(true, null, new PrintStream(OutputStream.nullOutputStream())));
        assertTrue(e.getMessage().contains("description"), e.getMessage());
    }

    @Test
    void aComparisonShowsTheValueAndItsThreshold() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        Notebook.compare(0.9524, Notebook.Comparison.ABOVE, 0.85, "test accuracy 0.952", out);
        Notebook.compare(3e-10, Notebook.Comparison.BELOW, 1e-9, "gradients agree", out);
        Notebook.compare(10, Notebook.Comparison.AT_LEAST, 10, "10 of 12 sequences", out);

        assertEquals("✔ test accuracy 0.952 [0.9524 > 0.85]\n✔ gradients agree [3e-10 < 1e-09]\n"
                + "✔ 10 of 12 sequences [10 >= 10]", bytes.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void aComparisonThatFailsNamesTheValueAndTheThreshold() {
        PrintStream out = new PrintStream(OutputStream.nullOutputStream());

        CheckFailed e = assertThrows(CheckFailed.class,
                () -> Notebook.compare(0.591, Notebook.Comparison.ABOVE, 0.6, "attention finds the signal", out));

        assertTrue(e.getMessage().contains("attention finds the signal [0.591 > 0.6] (mode"), e.getMessage());
        assertThrows(CheckFailed.class, () -> Notebook.compare(Double.NaN, Notebook.Comparison.BELOW, 1, "loss", out));
        assertThrows(CheckFailed.class, () -> Notebook.compare(1, Notebook.Comparison.BELOW, 1, "loss", out));
    }

    @Test
    void aFailedCheckCanBeReportedWithoutStoppingTheRun() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        Notebook.report(false, "loss below 0.1 [0.2 < 0.1]", out, true);

        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("✘ check failed: loss below 0.1 [0.2 < 0.1]"));
    }

    @Test
    void theSeedComesFromTheEnvironmentWhenGiven() {
        assertEquals(42, Notebook.seedFrom(null));
        assertEquals(42, Notebook.seedFrom(" "));
        assertEquals(7, Notebook.seedFrom("7"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Notebook.seedFrom("seven"));
        assertTrue(e.getMessage().contains("DLKIT_SEED='seven' is not a whole number"), e.getMessage());
    }

    @Test
    void aNaNThresholdIsAMistakeInTheNotebook() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Notebook.compare(1,
                Notebook.Comparison.ABOVE, Double.NaN, "accuracy", new PrintStream(OutputStream.nullOutputStream())));
        assertTrue(e.getMessage().contains("threshold of check 'accuracy' is NaN"), e.getMessage());
    }

    @Test
    void byModePicksTheValueOfTheCurrentMode() {
        boolean quick = Mode.current() == Mode.QUICK;

        assertEquals(quick, Notebook.quick());
        assertEquals(quick ? 1 : 20, Notebook.byMode(1, 20));
        assertEquals(quick ? 0.5 : 0.97, Notebook.byMode(0.5, 0.97));
        assertEquals(quick ? "small" : "large", Notebook.byMode("small", "large"));
    }

    @Test
    void selfChecksSayPassFailOrNotAnswered() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(Notebook.selfCheck("Q1", 0.1 + 0.2, 0.3, "add", out));
        org.junit.jupiter.api.Assertions.assertFalse(Notebook.selfCheck("Q2", 3, 4, "count the weights", out));
        org.junit.jupiter.api.Assertions.assertFalse(Notebook.selfCheck("Q3", Double.NaN, 1.0, "h", out));
        org.junit.jupiter.api.Assertions.assertFalse(Notebook.selfCheck("Q4", null, "relu", "h", out));
        org.junit.jupiter.api.Assertions.assertTrue(Notebook.selfCheck("Q5", " ReLU ", "relu", "h", out));
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("PASS Q1"), text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("FAIL Q2: 3 is not right. Hint: count the weights"), text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("Q3: not answered yet"), text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("Q4: not answered yet"), text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("PASS Q5"), text);
    }

    @Test
    void gradedAnswersPassOrFailWithTheHintForTheMistake() {
        var buffer = new java.io.ByteArrayOutputStream();
        var out = new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8);
        Notebook.checkAnswer("Q1", 0.1 + 0.2, 0.3, "add", out);
        org.junit.jupiter.api.Assertions.assertEquals("PASS Q1", buffer.toString(java.nio.charset.StandardCharsets.UTF_8).strip());

        WrongAnswer general = org.junit.jupiter.api.Assertions.assertThrows(WrongAnswer.class,
                () -> Notebook.checkAnswer("Q2", 0.5, 0.88, "sigmoid(z) = 1 / (1 + e^-z)", out, 0.12, "the sign of the exponent"));
        org.junit.jupiter.api.Assertions.assertEquals("FAIL Q2: 0.5 is not right. Hint: sigmoid(z) = 1 / (1 + e^-z)", general.getMessage());
        WrongAnswer known = org.junit.jupiter.api.Assertions.assertThrows(WrongAnswer.class,
                () -> Notebook.checkAnswer("Q2", 0.12, 0.88, "sigmoid(z) = 1 / (1 + e^-z)", out, 0.12, "the sign of the exponent"));
        org.junit.jupiter.api.Assertions.assertEquals("FAIL Q2: 0.12 is not right. Hint: the sign of the exponent", known.getMessage());
        WrongAnswer missing = org.junit.jupiter.api.Assertions.assertThrows(WrongAnswer.class,
                () -> Notebook.checkAnswer("Q3", null, "relu", "an activation", out));
        org.junit.jupiter.api.Assertions.assertTrue(missing.getMessage().startsWith("FAIL Q3: no answer yet"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Notebook.checkAnswer("Q4", 1, 1, "h", out, 2));
    }
}
