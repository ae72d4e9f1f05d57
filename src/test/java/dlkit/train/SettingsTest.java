package dlkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fluent settings of training: FitOptions, EarlyStopping, LearningRates, Checkpoint. */
class SettingsTest {

    private static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void fitOptionsAreImmutableWithDefaults() {
        FitOptions base = FitOptions.epochs(5);
        FitOptions more = base.metrics(Metric.ACCURACY).quiet().seed(7);
        assertEquals(Set.of(Metric.LOSS), base.metrics());
        assertEquals(Set.of(Metric.LOSS, Metric.ACCURACY), more.metrics());
        assertEquals(42, base.seed());
        assertEquals(7, more.seed());
        assertFalse(more.progress());
        assertFalse(more.liveChart());
        assertEquals(5, more.epochs());
        assertTrue(base.callbacks().isEmpty());
        assertEquals(1, base.callbacks(new Callback() { }).callbacks().size());
        assertTrue(base.progress(false).liveChart(true).liveChart());
    }

    @Test
    void badFitOptionsSayWhatToDo() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> FitOptions.epochs(0)), "not 0", "at least 1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> FitOptions.epochs(3).metrics(Metric.LEARNING_RATE)),
                "LearningRates");
        assertThrows(NullPointerException.class, () -> FitOptions.epochs(3).callbacks((Callback) null));
    }

    @Test
    void earlyStoppingSettings() {
        EarlyStopping e = EarlyStopping.monitor(Metric.VAL_ACCURACY).patience(5).minDelta(0.01);
        assertEquals(Metric.VAL_ACCURACY, e.monitor());
        assertEquals(5, e.patience());
        assertEquals(0.01, e.minDelta());
        assertTrue(e.toString().contains("val_accuracy"));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> e.patience(0)), "not 0", "at least 1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> e.minDelta(-0.1)), "-0.1", "0.001");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> EarlyStopping.monitor(Metric.LEARNING_RATE)),
                "VAL_LOSS");
    }

    @Test
    void learningRateSchedulesRefuseBadValues() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> LearningRates.step(0.1, 1.5, 2)), "1.5", "0.5");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> LearningRates.step(-1, 0.5, 2)), "-1", "0.01");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> LearningRates.step(0.1, 0.5, 0)), "not 0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> LearningRates.exponential(0.1, 0)), "not 0.0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> LearningRates.cosine(0.1, 0.2, 10)),
                "minimum 0.2", "initial 0.1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> LearningRates.cosine(0.1, 0, 10)),
                "0 < minimum", "initial / 100");
    }

    @Test
    void checkpointRefusesAFolder(@TempDir Path dir) {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Checkpoint.to(dir)), "is a folder", "model.zip");
        Checkpoint c = Checkpoint.to(dir.resolve("m.zip")).bestOf(Metric.VAL_LOSS);
        assertEquals(dir.resolve("m.zip"), c.file());
        assertTrue(c.toString().contains("val_loss"));
    }
}
