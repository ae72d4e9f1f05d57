package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The conversions to ND4J arrays: these need the native backend. */
class LabeledImagesIT {

    @Test
    void featuresAreOneScaledImagePerRow() {
        INDArray features = LabeledImagesTest.three().features();

        assertEquals(DataType.FLOAT, features.dataType());
        assertArrayEquals(new long[]{3, 4}, features.shape());
        assertEquals(9 / 255f, features.getFloat(2, 1), 1e-7);
        assertEquals(1f, features.getFloat(2, 3));
        assertEquals(0f, features.getFloat(0, 0));
    }

    @Test
    void labelsAreOneHot() {
        INDArray oneHot = LabeledImagesTest.three().oneHotLabels();

        assertArrayEquals(new long[]{3, 3}, oneHot.shape());
        assertArrayEquals(new float[][]{{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}, oneHot.toFloatMatrix());
    }

    @Test
    void aDataSetPairsFeaturesAndLabels() {
        DataSet data = LabeledImagesTest.three().toDataSet();

        assertEquals(3, data.numExamples());
        assertArrayEquals(new long[]{3, 4}, data.getFeatures().shape());
        assertArrayEquals(new long[]{3, 3}, data.getLabels().shape());
    }

    @Test
    void theIteratorCoversEveryImageInBatches() {
        DataSetIterator batches = LabeledImagesTest.three().iterator(2);

        List<Integer> sizes = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            sizes.add(batch.numExamples());
            for (int row = 0; row < batch.numExamples(); row++) {
                classes.add(batch.getLabels().getRow(row).argMax().getInt(0));
            }
        }

        assertEquals(List.of(2, 1), sizes);
        assertEquals(List.of(2, 0, 1), classes);
        batches.reset();
        assertEquals(2, batches.next().numExamples());
    }

    @Test
    void aBatchAsLargeAsTheSetIsOneBatch() {
        DataSetIterator batches = LabeledImagesTest.three().iterator(64);

        assertEquals(3, batches.next().numExamples());
        assertFalse(batches.hasNext());
    }
}
