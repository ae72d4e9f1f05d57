package dlkit.data;

import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The made-up signal-among-noise sequences. */
class SignalTaskIT {

    @Test
    void eachSequenceHidesOneSignalInItsWindowAndIsLabelledByIt() {
        SignalTask task = SignalTask.of(200, 30, 5, 4, 20, 7);
        INDArray x = task.data().getFeatures();
        assertArrayEquals(new long[]{200, 30}, x.shape());
        assertEquals(25, task.vocabularySize());
        for (int s = 0; s < 200; s++) {
            int signals = 0;
            for (int t = 0; t < 30; t++) {
                int token = x.getInt(s, t);
                assertTrue(token >= 1 && token <= 24, "token " + token);
                if (token <= 4) {
                    signals++;
                    assertEquals(task.positions()[s], t, "the signal sits where recorded");
                    assertEquals(1f, task.data().getLabels().getFloat(s, token - 1), "labelled by the signal");
                }
            }
            assertEquals(1, signals, "one signal per sequence");
            assertTrue(task.positions()[s] < 5, "within the window");
        }
        assertEquals(x, SignalTask.of(200, 30, 5, 4, 20, 7).data().getFeatures(), "the seed repeats the task");
    }

    @Test
    void badSizesAreExplained() {
        assertFails(IllegalArgumentException.class, () -> SignalTask.of(10, 5, 6, 2, 3, 1), "window 6");
        assertFails(IllegalArgumentException.class, () -> SignalTask.of(0, 5, 2, 2, 3, 1), "count 0");
    }
}
