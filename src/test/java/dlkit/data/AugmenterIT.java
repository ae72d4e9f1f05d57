package dlkit.data;

import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/** Augmenting ND4J features and iterators: these need the native backend. */
class AugmenterIT {

    private static final Augmenter AUGMENTER = Augmenter.of(42).rotate(20).shift(1).zoom(0.1);

    /** Four 7x7 bars, one flat image per row, as LabeledImages.features() gives them. */
    private static INDArray bars() {
        double[][] bar = AugmenterTest.bar();
        float[] flat = new float[4 * 49];
        for (int i = 0; i < 4; i++) {
            for (int r = 0; r < 7; r++) {
                for (int c = 0; c < 7; c++) {
                    flat[i * 49 + r * 7 + c] = (float) bar[r][c];
                }
            }
        }
        return Nd4j.create(flat, new long[]{4, 49}, DataType.FLOAT);
    }

    private static List<INDArray> epoch(DataSetIterator batches) {
        List<INDArray> features = new ArrayList<>();
        while (batches.hasNext()) {
            features.add(batches.next().getFeatures());
        }
        return features;
    }

    @Test
    void flatFeaturesKeepTheirShapeAndType() {
        INDArray out = AUGMENTER.augment(bars(), 7, 7);

        assertArrayEquals(new long[]{4, 49}, out.shape());
        assertEquals(DataType.FLOAT, out.dataType());
        assertNotEquals(bars(), out);
        assertEquals(bars(), Augmenter.of(1).augment(bars(), 7, 7), "nothing enabled, nothing changed");
    }

    @Test
    void theSameSeedGivesTheSameArrayAndAnotherSeedAnother() {
        assertEquals(AUGMENTER.augment(bars(), 7, 7), AUGMENTER.augment(bars(), 7, 7));
        assertNotEquals(AUGMENTER.augment(bars(), 7, 7),
                Augmenter.of(43).rotate(20).shift(1).zoom(0.1).augment(bars(), 7, 7));
    }

    @Test
    void imagesWithChannelsAreAugmentedAlike() {
        INDArray four = bars().reshape(4, 1, 7, 7);

        INDArray out = AUGMENTER.augment(four, 7, 7);

        assertArrayEquals(new long[]{4, 1, 7, 7}, out.shape());
        assertEquals(AUGMENTER.augment(bars(), 7, 7), out.reshape(4, 49));
    }

    @Test
    void itAugmentsTheBatchesOfAnIteratorThatOnlyGivesItsOwnBatchSize() {
        INDArray labels = Nd4j.eye(4).castTo(DataType.FLOAT);
        // DL4J's ViewIterator (behind LabeledImages.iterator) refuses next(int)
        DataSetIterator views = new org.nd4j.linalg.dataset.ViewIterator(new DataSet(bars(), labels), 2);
        DataSetIterator augmented = AUGMENTER.augmenting(views, 7, 7);
        int examples = 0;
        while (augmented.hasNext()) {
            examples += augmented.next().numExamples();
        }
        assertEquals(4, examples);
    }

    @Test
    void theIteratorKeepsLabelsAndChangesImagesEachEpoch() {
        INDArray labels = Nd4j.eye(4).castTo(DataType.FLOAT);
        DataSetIterator plain = Batches.of(new DataSet(bars(), labels), 2);
        DataSetIterator augmented = AUGMENTER.augmenting(plain, 7, 7);

        DataSet first = augmented.next();
        assertEquals(labels.getRows(0, 1), first.getLabels());
        assertArrayEquals(new long[]{2, 49}, first.getFeatures().shape());
        augmented.reset();
        List<INDArray> one = epoch(augmented);
        augmented.reset();
        List<INDArray> two = epoch(augmented);
        assertNotEquals(one, two);
        assertEquals(2, one.size());
        assertFalse(augmented.asyncSupported());
        assertEquals(49, augmented.inputColumns());
        assertEquals(4, augmented.totalOutcomes());
    }

    @Test
    void twoIteratorsWithTheSameSeedAgree() {
        INDArray labels = Nd4j.eye(4).castTo(DataType.FLOAT);

        List<INDArray> one = epoch(AUGMENTER.augmenting(Batches.of(new DataSet(bars(), labels), 3), 7, 7));
        List<INDArray> two = epoch(AUGMENTER.augmenting(Batches.of(new DataSet(bars(), labels), 3), 7, 7));

        assertEquals(one, two);
    }

    @Test
    void theIteratorAppliesItsPreProcessorAfterAugmenting() {
        DataSetIterator augmented = AUGMENTER.augmenting(
                Batches.of(new DataSet(bars(), Nd4j.eye(4).castTo(DataType.FLOAT)), 4), 7, 7);
        org.nd4j.linalg.dataset.api.DataSetPreProcessor zero = data -> data.getFeatures().assign(0);
        augmented.setPreProcessor(zero);

        assertSame(zero, augmented.getPreProcessor());
        assertEquals(0, augmented.next().getFeatures().sumNumber().doubleValue());
    }

    @Test
    void featuresThatAreNotImagesOfTheGivenSizeAreRefused() {
        assertFails(IllegalArgumentException.class, () -> AUGMENTER.augment(bars(), 28, 28),
                "shape [4, 49]", "not images of 28x28", "[n, 784]");
    }

    @Test
    void aNonPositiveImageSizeIsRefused() {
        assertFails(IllegalArgumentException.class, () -> AUGMENTER.augmenting(Batches.of(
                        new DataSet(bars(), Nd4j.eye(4).castTo(DataType.FLOAT)), 2), 0, 7),
                "image size 0x7", "e.g. 28, 28");
    }
}
