package dlkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Arrays as text: needs the native backend. */
class RenderersIT {

    @Test
    void anArrayIsHeadedByItsTypeAndShape() {
        INDArray array = Nd4j.createFromArray(new float[][]{{1, 2, 3}, {4, 5, 6.5f}});

        String text = Renderers.text(array);

        assertEquals("float [2, 3]", text.lines().findFirst().orElseThrow());
        assertTrue(text.contains("6.5000"), text);
    }

    @Test
    void aLargeArrayIsSummarised() {
        String text = Renderers.text(Nd4j.zeros(DataType.DOUBLE, 100, 100));

        assertTrue(text.startsWith("double [100, 100]\n"), text);
        assertTrue(text.contains("..."), text);
        assertTrue(text.length() < 10_000, () -> "length " + text.length());
    }

    @Test
    void anEmptyArraySaysSo() {
        assertEquals("float [0] (empty)", Renderers.text(Nd4j.create(DataType.FLOAT, 0)));
    }
}
