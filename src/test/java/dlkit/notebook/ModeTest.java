package dlkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModeTest {

    @Test
    void unsetOrBlankMeansFull() {
        assertEquals(Mode.FULL, Mode.parse(null));
        assertEquals(Mode.FULL, Mode.parse(""));
        assertEquals(Mode.FULL, Mode.parse("  "));
    }

    @Test
    void namesAreReadWhateverTheirCase() {
        assertEquals(Mode.QUICK, Mode.parse("quick"));
        assertEquals(Mode.QUICK, Mode.parse(" Quick "));
        assertEquals(Mode.FULL, Mode.parse("FULL"));
    }

    @Test
    void anyOtherNameIsRefusedWithItsFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mode.parse("fast"));
        assertTrue(e.getMessage().contains("DLKIT_MODE='fast'"), e.getMessage());
        assertTrue(e.getMessage().contains("'quick'"), e.getMessage());
        assertTrue(e.getMessage().contains("'full'"), e.getMessage());
    }

    @Test
    void theCurrentModeComesFromTheEnvironment() {
        assertEquals(Mode.parse(System.getenv(Mode.ENV)), Mode.current());
    }

    @Test
    void aKernelCanChooseItsModeAndHandTheChoiceBack() {
        Mode fromEnvironment = Mode.parse(System.getenv(Mode.ENV));
        Mode other = fromEnvironment == Mode.QUICK ? Mode.FULL : Mode.QUICK;
        try {
            Mode.set(other);
            assertEquals(other, Mode.current());
            assertEquals(other == Mode.QUICK, Notebook.quick());
            assertEquals(other == Mode.QUICK ? 2 : 20, Notebook.byMode(2, 20));
        } finally {
            Mode.set(null);
        }
        assertEquals(fromEnvironment, Mode.current());
    }
}
