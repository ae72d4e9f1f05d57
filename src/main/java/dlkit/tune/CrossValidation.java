package dlkit.tune;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

import tech.tablesaw.api.Table;

import dlkit.data.Split;

/**
 * k-fold cross-validation: one setting scored on every fold of {@link Split#stratifiedFolds}, as a mean and
 * a spread. Where a single validation set is small, its score depends on which rows it drew; the mean over k
 * folds uses every row once, and the spread says how far one fold's score can be off. On its own, or as the
 * score of a search (k trainings per trial):
 *
 * <pre>{@code
 * CrossValidation cv = CrossValidation.stratified(split.train(), "species", 5, SEED);
 * CrossValidation.Scores scores = cv.score(fold -> accuracy(fold.train(), fold.validation()));   // 0.962 ± 0.021
 * SearchResults results = Search.bayesian(space, 20, SEED).maximize(trial -> cv.score(fold -> ...).mean());
 * }</pre>
 */
public final class CrossValidation {

    private final List<Split.Fold> folds;

    private CrossValidation(List<Split.Fold> folds) {
        this.folds = List.copyOf(folds);
    }

    /** Stratified folds of {@code table} by {@code labelColumn}; see {@link Split#stratifiedFolds}. */
    public static CrossValidation stratified(Table table, String labelColumn, int k, long seed) {
        return new CrossValidation(Split.stratifiedFolds(table, labelColumn, k, seed));
    }

    /** The folds, in order. */
    public List<Split.Fold> folds() {
        return folds;
    }

    /**
     * The score of every fold, e.g. a validation accuracy after training on {@code fold.train()}. A fold whose
     * score is NaN makes the mean NaN (a search then records the trial as failed).
     */
    public Scores score(ToDoubleFunction<Split.Fold> score) {
        Objects.requireNonNull(score, "score(null): pass a function that trains on fold.train() and scores on fold.validation()");
        double[] values = new double[folds.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = score.applyAsDouble(folds.get(i));
        }
        return new Scores(values);
    }

    /** The k scores of one setting. */
    public record Scores(double[] values) {

        public Scores {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        /** The mean over the folds: the setting's cross-validated score. */
        public double mean() {
            return Arrays.stream(values).average().orElse(Double.NaN);
        }

        /** The sample standard deviation over the folds (n - 1 in the denominator); 0 for one fold. */
        public double standardDeviation() {
            if (values.length < 2) {
                return 0;
            }
            double mean = mean(), sum = 0;
            for (double v : values) {
                sum += (v - mean) * (v - mean);
            }
            return Math.sqrt(sum / (values.length - 1));
        }

        /** e.g. "0.9620 ± 0.0210 over 5 folds (0.94, 0.99, ...)". */
        @Override
        public String toString() {
            StringBuilder each = new StringBuilder();
            for (double v : values) {
                each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", v));
            }
            return String.format(Locale.ROOT, "%.4f ± %.4f over %d folds (%s)", mean(), standardDeviation(),
                    values.length, each);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Scores s && Arrays.equals(values, s.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }
}
