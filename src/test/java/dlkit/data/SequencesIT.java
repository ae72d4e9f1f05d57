package dlkit.data;

import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import dlkit.data.Sequences.Side;

/** Batches of indices as ND4J arrays: these need the native backend. */
class SequencesIT {

    private static final List<int[]> TEXTS = List.of(new int[]{4, 5}, new int[]{6, 7, 8, 9});

    @Test
    void aBatchIsOneRowOfIndicesPerSequence() {
        INDArray batch = Sequences.batch(TEXTS, 3);

        assertEquals(DataType.FLOAT, batch.dataType());
        assertArrayEquals(new long[]{2, 3}, batch.shape());
        assertArrayEquals(new float[][]{{0, 4, 5}, {7, 8, 9}}, batch.toFloatMatrix());
    }

    @Test
    void aBatchCanBePaddedAndTruncatedAtTheEnd() {
        assertArrayEquals(new float[][]{{4, 5, 0}, {6, 7, 8}},
                Sequences.batch(TEXTS, 3, Side.POST, Side.POST).toFloatMatrix());
    }

    @Test
    void theMaskMarksRealTokens() {
        assertArrayEquals(new float[][]{{0, 1, 1}, {1, 1, 1}}, Sequences.mask(TEXTS, 3, Side.PRE).toFloatMatrix());
        assertArrayEquals(new float[][]{{1, 1, 0}, {1, 1, 1}}, Sequences.mask(TEXTS, 3, Side.POST).toFloatMatrix());
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Sequences.batch(List.of(), 3),
                "No sequences", "encodeAll");
    }

    @Test
    void aBatchOfLengthZeroIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Sequences.mask(TEXTS, 0, Side.PRE),
                "Sequence length 0");
    }
}
