package dlkit.train;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The loss rule of {@link Divergence}, on epoch losses alone (a network that is not a classifier). */
class DivergenceTest {

    private static String firstAlarm(double... losses) {
        Divergence divergence = new Divergence(null, new Architecture(List.of(), null, null));
        TrainingContext context = new TrainingContext(null, losses.length);
        for (int i = 0; i < losses.length; i++) {
            String alarm = divergence.afterEpoch(i + 1, losses[i], context);
            if (alarm != null) {
                return "epoch " + (i + 1) + ": " + alarm;
            }
        }
        return null;
    }

    @Test
    void noiseAroundASmallLossIsNotDivergence() {
        // 50 and 600 times the lowest, but below the first epoch's loss.
        assertNull(firstAlarm(0.7, 0.01, 0.001, 0.05, 0.0008, 0.48, 0.02));
        // a loss that rises slowly (overfitting, or a restart) stays below 10 times its lowest
        assertNull(firstAlarm(2.0, 0.5, 0.3, 0.9, 2.5, 2.9));
        // losses that can be negative (e.g. cosine proximity) are not judged by a ratio
        assertNull(firstAlarm(-0.2, -0.9, -0.5, 0.3));
    }

    @Test
    void aLossTenTimesItsLowestAndAboveTheFirstIsDivergence() {
        String alarm = firstAlarm(12_670, 2.04e16, 8.0e29);
        assertTrue(alarm.startsWith("epoch 2: the loss rose to 2.04e+16 in epoch 2, more than 10 times its lowest"
                + " (1.27e+04 in epoch 1) and above the first epoch's (1.27e+04): training diverged. Lower the learning"
                + " rate, check that the inputs are scaled"), alarm);
        assertTrue(firstAlarm(0.5, 0.33, 0.48, 0.71, 1.1, 1.7, 2.7, 4.2).startsWith("epoch 8: "));
    }
}
