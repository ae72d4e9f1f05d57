package dlkit.data;

import java.util.Arrays;

/**
 * A series cut in time order by {@link TimeSeries#splitInTimeOrder}: the earlier values to train on, the
 * later ones to test on. The arrays are the record's own: copy them before changing them.
 *
 * @param train the first values
 * @param test  the values after them
 */
public record SeriesSplit(double[] train, double[] test) {

    /**
     * The test values preceded by the last {@code inputLength} training values: windows of it
     * ({@link Windows#of}) predict every test value, the first ones from the end of the training series,
     * which a forecast made at the cut would know.
     *
     * @throws IllegalArgumentException when {@code inputLength} is not positive or longer than the training part
     */
    public double[] testWithContext(int inputLength) {
        if (inputLength <= 0 || inputLength > train.length) {
            throw new IllegalArgumentException("testWithContext: inputLength " + inputLength + " must be between 1 and "
                    + "the " + train.length + " training values; use the inputLength of your windows");
        }
        double[] out = new double[inputLength + test.length];
        System.arraycopy(train, train.length - inputLength, out, 0, inputLength);
        System.arraycopy(test, 0, out, inputLength, test.length);
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesSplit s && Arrays.equals(train, s.train) && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "SeriesSplit: " + train.length + " training and " + test.length + " test values";
    }
}
