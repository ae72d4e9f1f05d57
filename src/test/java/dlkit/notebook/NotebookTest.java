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
    void byModePicksTheValueOfTheCurrentMode() {
        boolean quick = Mode.current() == Mode.QUICK;

        assertEquals(quick, Notebook.quick());
        assertEquals(quick ? 1 : 20, Notebook.byMode(1, 20));
        assertEquals(quick ? 0.5 : 0.97, Notebook.byMode(0.5, 0.97));
        assertEquals(quick ? "small" : "large", Notebook.byMode("small", "large"));
    }
}
