package dlkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HistoryTest {

    static History sample() {
        return new History(List.of(
                new EpochResult(1, Map.of(Metric.LOSS, 0.9, Metric.VAL_LOSS, 1.0, Metric.VAL_ACCURACY, 0.5), 1200),
                new EpochResult(2, Map.of(Metric.LOSS, 0.5, Metric.VAL_LOSS, 0.7, Metric.VAL_ACCURACY, 0.8), 1000),
                new EpochResult(3, Map.of(Metric.LOSS, 0.3, Metric.VAL_LOSS, 0.8, Metric.VAL_ACCURACY, 0.8), 800)),
                StopReason.STOPPED_EARLY, "val_loss did not improve for 1 epoch", 2);
    }

    @Test
    void valuesBestAndLast() {
        History h = sample();
        assertEquals(3, h.epochCount());
        assertArrayEquals(new double[]{0.9, 0.5, 0.3}, h.values(Metric.LOSS));
        assertEquals(0.7, h.best(Metric.VAL_LOSS));
        assertEquals(2, h.bestEpochOf(Metric.VAL_LOSS));
        assertEquals(2, h.bestEpochOf(Metric.VAL_ACCURACY), "ties go to the first epoch");
        assertEquals(0.8, h.best(Metric.VAL_ACCURACY));
        assertEquals(0.3, h.last(Metric.LOSS));
        assertEquals(3.0, h.seconds(), 1e-9);
        assertTrue(h.has(Metric.VAL_ACCURACY));
        assertFalse(h.has(Metric.ACCURACY));
    }

    @Test
    void anUnrecordedMetricNamesWhatWasRecordedAndTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sample().values(Metric.ACCURACY));
        assertTrue(e.getMessage().contains("'accuracy' was not recorded"), e.getMessage());
        assertTrue(e.getMessage().contains("FitOptions.metrics(Metric.ACCURACY)"), e.getMessage());
        History noValidation = new History(List.of(new EpochResult(1, Map.of(Metric.LOSS, 1.0), 1)),
                StopReason.COMPLETED, "", 0);
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> noValidation.values(Metric.VAL_LOSS));
        assertTrue(v.getMessage().contains("FitOptions.validation"), v.getMessage());
    }

    @Test
    void anEmptyHistoryHasNoLastOrBest() {
        History empty = new History(List.of(), StopReason.DIVERGED, "diverged", 0);
        assertEquals(0, empty.values(Metric.LOSS).length);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> empty.last(Metric.LOSS));
        assertTrue(e.getMessage().contains("fit for at least one epoch"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> empty.best(Metric.LOSS));
    }

    @Test
    void textAndHtmlShowEveryEpochAndTheSummary() {
        String text = sample().toString();
        assertTrue(text.contains("val_accuracy"), text);
        assertTrue(text.contains("    2        0.5000"), text);
        assertTrue(text.endsWith("3 epochs in 3.0 s: val_loss did not improve for 1 epoch"), text);
        String html = sample().toHtml();
        assertTrue(html.contains("<th>val_loss</th>"), html);
        assertTrue(html.contains("<tr style=\"font-weight:bold\"><td>2</td>"), "the restored epoch is bold: " + html);
    }

    @Test
    void epochResultsAreImmutableCopies() {
        var metrics = new java.util.EnumMap<Metric, Double>(Metric.class);
        metrics.put(Metric.LOSS, 1.0);
        EpochResult result = new EpochResult(1, metrics, 5);
        metrics.put(Metric.LOSS, 2.0);
        assertEquals(1.0, result.get(Metric.LOSS));
        assertTrue(Double.isNaN(result.get(Metric.VAL_LOSS)));
        assertThrows(UnsupportedOperationException.class, () -> result.metrics().put(Metric.LOSS, 3.0));
    }

    @Test
    void metricsKnowTheirDirectionAndLabel() {
        assertTrue(Metric.VAL_ACCURACY.higherIsBetter());
        assertFalse(Metric.VAL_LOSS.higherIsBetter());
        assertTrue(Metric.VAL_LOSS.needsValidation());
        assertFalse(Metric.LOSS.needsValidation());
        assertEquals("val_loss", Metric.VAL_LOSS.label());
    }
}
