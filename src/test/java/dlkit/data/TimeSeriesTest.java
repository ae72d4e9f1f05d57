package dlkit.data;

import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The time-order split, its context, and the series scaler on plain arrays. */
class TimeSeriesTest {

    private static final double[] SERIES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @Test
    void theSplitKeepsTimeOrder() {
        SeriesSplit split = TimeSeries.splitInTimeOrder(SERIES, 0.8);

        assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6, 7, 8}, split.train());
        assertArrayEquals(new double[]{9, 10}, split.test());
        assertEquals("SeriesSplit: 8 training and 2 test values", split.toString());
        assertEquals(split, TimeSeries.splitInTimeOrder(SERIES, 0.8));
        assertEquals(split.hashCode(), TimeSeries.splitInTimeOrder(SERIES, 0.8).hashCode());
        assertNotEquals(split, TimeSeries.splitInTimeOrder(SERIES, 0.5));
    }

    @Test
    void theTestPartCanCarryItsContext() {
        assertArrayEquals(new double[]{6, 7, 8, 9, 10}, TimeSeries.splitInTimeOrder(SERIES, 0.8).testWithContext(3));
    }

    @Test
    void aContextLongerThanTheTrainingPartIsRefused() {
        assertFails(IllegalArgumentException.class, () -> TimeSeries.splitInTimeOrder(SERIES, 0.2).testWithContext(3),
                "inputLength 3", "the 2 training values");
    }

    @Test
    void aFractionOutsideZeroOneIsRefused() {
        assertFails(IllegalArgumentException.class, () -> TimeSeries.splitInTimeOrder(SERIES, 1.0),
                "trainFraction 1.0", "between 0 and 1", "e.g. 0.8");
    }

    @Test
    void aSplitLeavingAnEmptyPartIsRefused() {
        assertFails(IllegalArgumentException.class, () -> TimeSeries.splitInTimeOrder(SERIES, 0.99),
                "10 values split at 0.99", "no test values", "longer series");
    }

    @Test
    void aNaNIsNamedByItsIndex() {
        assertFails(IllegalArgumentException.class,
                () -> TimeSeries.splitInTimeOrder(new double[]{1, 2, Double.NaN, 4}, 0.5),
                "NaN at index 2", "fill the gap");
    }

    @Test
    void anEmptySeriesIsRefused() {
        assertFails(IllegalArgumentException.class, () -> SeriesScaler.minMax(new double[0]),
                "the series is empty", "Datasets.airPassengers()");
    }

    @Test
    void minMaxUsesTheTrainingRangeAndInverts() {
        SeriesScaler scaler = SeriesScaler.minMax(new double[]{10, 20, 30});

        assertArrayEquals(new double[]{0, 0.5, 1, 2}, scaler.transform(new double[]{10, 20, 30, 50}), 1e-12);
        assertArrayEquals(new double[]{10, 50}, scaler.inverse(new double[]{0, 2}), 1e-12);
        assertEquals(new SeriesScaler(10, 20), scaler);
    }

    @Test
    void standardizeUsesTheTrainingMeanAndStd() {
        SeriesScaler scaler = SeriesScaler.standardize(new double[]{1, 3});

        assertArrayEquals(new double[]{-1, 1, 3}, scaler.transform(new double[]{1, 3, 5}), 1e-12);
        assertArrayEquals(new double[]{5}, scaler.inverse(new double[]{3}), 1e-12);
    }

    @Test
    void aConstantTrainingPartIsScaledByOne() {
        assertArrayEquals(new double[]{0, 1}, SeriesScaler.minMax(new double[]{4, 4}).transform(new double[]{4, 5}));
        assertArrayEquals(new double[]{0, -1},
                SeriesScaler.standardize(new double[]{4, 4}).transform(new double[]{4, 3}));
    }

    @Test
    void aScalerRefusesInfiniteValues() {
        assertFails(IllegalArgumentException.class,
                () -> SeriesScaler.standardize(new double[]{1, Double.POSITIVE_INFINITY}),
                "Infinity at index 1");
    }
}
