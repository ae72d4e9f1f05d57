package dlkit.data;

import static dlkit.data.Fixtures.animals;
import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import tech.tablesaw.api.Table;

/** The arrays and iterators a fitted preprocessor hands to DL4J: these need the native backend. */
class PreprocessorIT {

    private static FittedPreprocessor classifier() {
        return Preprocessor.target("kind").features("weight", "colour").oneHot("colour").standardize().fit(animals());
    }

    /** The weights (1..12, unscaled) of every example, epoch by epoch, batch by batch. */
    private static List<Float> weights(DataSetIterator batches) {
        List<Float> seen = new ArrayList<>();
        while (batches.hasNext()) {
            INDArray features = batches.next().getFeatures();
            for (int row = 0; row < features.rows(); row++) {
                seen.add(features.getFloat(row, 0));
            }
        }
        return seen;
    }

    @Test
    void transformGivesFloatFeaturesAndOneHotLabelsRowByRow() {
        DataSet data = classifier().transform(animals());

        assertEquals(DataType.FLOAT, data.getFeatures().dataType());
        assertArrayEquals(new long[]{12, 4}, data.getFeatures().shape());
        assertArrayEquals(new long[]{12, 3}, data.getLabels().shape());
        assertArrayEquals(new float[]{0, 1, 0}, data.getLabels().getRow(1).toFloatVector());
        assertEquals(List.of("cat", "dog", "owl"), data.getLabelNamesList());
        assertEquals(0, data.getFeatures().getColumn(0).meanNumber().doubleValue(), 1e-6);
    }

    @Test
    void aPositiveClassGivesOneLabelColumnThatPredictionsRead() {
        Table legs = animals().where(animals().stringColumn("kind").isNotEqualTo("owl"));
        FittedPreprocessor prep = Preprocessor.target("kind").features("weight").positiveClass("dog").fit(legs);

        DataSet data = prep.transform(legs);

        assertArrayEquals(new long[]{10, 1}, data.getLabels().shape());
        assertEquals(List.of("cat", "dog"), data.getLabelNamesList());
        assertArrayEquals(new float[]{0, 1, 0}, data.getLabels().getColumn(0).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)).toFloatVector());
        INDArray sayDog = Nd4j.ones(DataType.FLOAT, 10, 1).muli(0.9);
        dlkit.eval.Predictions predictions = dlkit.eval.Predictions.from(data.getLabels(), sayDog, prep.classes());
        assertEquals(4 / 10.0, predictions.accuracy(), 1e-9);
    }

    @Test
    void featuresNeedNoTargetColumn() {
        Table unlabelled = animals().removeColumns("kind");

        INDArray features = classifier().features(unlabelled);

        assertArrayEquals(new long[]{12, 4}, features.shape());
    }

    @Test
    void theShuffledIteratorCoversEveryRowOncePerEpoch() {
        DataSetIterator batches = classifier().iterator(animals(), 5, 42);

        List<Float> epoch = weights(batches);

        assertEquals(12, epoch.size());
        assertEquals(12, epoch.stream().distinct().count());
        assertEquals(4, batches.inputColumns());
        assertEquals(3, batches.totalOutcomes());
        assertEquals(5, batches.batch());
    }

    @Test
    void theSameSeedGivesTheSameOrderEveryRunAndEachEpochANewOne() {
        DataSetIterator one = classifier().iterator(animals(), 4, 7);
        DataSetIterator two = classifier().iterator(animals(), 4, 7);

        List<Float> first = weights(one);
        assertEquals(first, weights(two));
        one.reset();
        two.reset();
        List<Float> second = weights(one);
        assertEquals(second, weights(two));
        assertNotEquals(first, second);
    }

    @Test
    void anotherSeedGivesAnotherOrder() {
        assertNotEquals(weights(classifier().iterator(animals(), 4, 1)), weights(classifier().iterator(animals(), 4, 2)));
    }

    @Test
    void thePlainIteratorKeepsTheRowOrder() {
        FittedPreprocessor prep = Preprocessor.target("kind").features("weight").fit(animals());

        List<Float> seen = weights(prep.iterator(animals(), 5));

        assertEquals(List.of(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f), seen);
    }

    @Test
    void regressionPredictionsAreUnscaledToTheTargetsUnits() {
        FittedPreprocessor prep = Preprocessor.target("weight").features("legs").scaleTarget().fit(animals());
        DataSet data = prep.transform(animals());

        INDArray back = prep.unscaleTarget(data.getLabels());

        assertArrayEquals(new long[]{12, 1}, data.getLabels().shape());
        assertEquals(DataType.FLOAT, back.dataType());
        assertEquals(12, back.getFloat(11, 0), 1e-4);
        assertEquals(1, back.getFloat(0, 0), 1e-4);
    }

    @Test
    void aBatchSizeOfZeroIsRefused() {
        assertFails(IllegalArgumentException.class, () -> classifier().iterator(animals(), 0, 1),
                "batch size 0", "positive");
    }

    @Test
    void batchesOfADataSetCanBeShuffledOrNot() {
        DataSet data = new DataSet(Nd4j.arange(6).castTo(DataType.FLOAT).reshape(6, 1), Nd4j.zeros(DataType.FLOAT, 6, 1));

        assertEquals(List.of(0f, 1f, 2f, 3f, 4f, 5f), weights(Batches.of(data, 4)));
        assertEquals(weights(Batches.shuffled(data, 4, 3)), weights(Batches.shuffled(data, 4, 3)));
        assertEquals(6, weights(Batches.shuffled(data, 4, 3)).stream().distinct().count());
    }
}
