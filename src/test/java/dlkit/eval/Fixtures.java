package dlkit.eval;

import java.util.List;

/** Small hand-made predictions shared by the tests; the expected values were checked with scikit-learn 1.9. */
final class Fixtures {

    private Fixtures() {
    }

    static final List<String> ANIMALS = List.of("cat", "dog", "bird");

    /**
     * Ten rows, three classes; "bird" occurs four times but is never predicted. Two rows have tied
     * probabilities (rows 7 and 9) and go to the lower class index.
     * <pre>
     * truth      0 0 0 0 1 1 2 2 2 2
     * predicted  0 0 0 1 1 0 0 0 1 1
     * </pre>
     * Confusion matrix (rows = truth): cat [3 1 0], dog [1 1 0], bird [2 2 0].
     */
    static Predictions neverPredicted() {
        int[] truth = {0, 0, 0, 0, 1, 1, 2, 2, 2, 2};
        double[][] probabilities = {
                {0.8, 0.1, 0.1},
                {0.6, 0.3, 0.1},
                {0.5, 0.2, 0.3},
                {0.3, 0.6, 0.1},
                {0.2, 0.7, 0.1},
                {0.5, 0.4, 0.1},
                {0.4, 0.3, 0.3},
                {0.45, 0.1, 0.45}, // tie cat/bird: cat, the lower index
                {0.1, 0.5, 0.4},
                {0.2, 0.4, 0.4}}; // tie dog/bird: dog
        return Predictions.of(truth, probabilities, ANIMALS);
    }

    /**
     * Four rows, three classes; "c" never occurs in the truth but is predicted once.
     * <pre>
     * truth      0 0 1 1
     * predicted  0 2 1 1
     * </pre>
     */
    static Predictions emptyClass() {
        return Predictions.of(new int[]{0, 0, 1, 1}, new double[][]{
                {0.9, 0.05, 0.05},
                {0.2, 0.1, 0.7},
                {0.1, 0.8, 0.1},
                {0.3, 0.6, 0.1}}, List.of("a", "b", "c"));
    }

    /** Probabilities that put all weight on the given classes. */
    static Predictions certain(int[] truth, int[] predicted, List<String> classes) {
        double[][] probabilities = new double[truth.length][classes.size()];
        for (int i = 0; i < truth.length; i++) {
            probabilities[i][predicted[i]] = 1.0;
        }
        return Predictions.of(truth, probabilities, classes);
    }

    /** Eight rows, two classes of sizes 6 and 2: macro and weighted averages differ. */
    static Predictions imbalancedBinary() {
        return certain(new int[]{0, 0, 0, 0, 0, 0, 1, 1}, new int[]{0, 0, 0, 0, 0, 1, 1, 0}, List.of("no", "yes"));
    }
}
