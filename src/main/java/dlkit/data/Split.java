package dlkit.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A table cut into training, validation and test rows. The model learns from {@code train}, its settings
 * are chosen on {@code validation}, and {@code test} is looked at once, at the end.
 *
 * <p>Both factories are seeded: the same table, fractions and seed give the same rows in the same order,
 * on every machine ({@link java.util.Random} is specified to the bit). Each part is in shuffled order, so
 * that a table sorted by class (iris is) does not reach the network one class at a time. The test part is
 * what is left after train and validation; {@code validationFraction} may be 0 for a plain train/test split,
 * in which case {@code validation} is an empty table with the same columns.
 *
 * @param train      the rows to fit the model (and the {@link Preprocessor}) on
 * @param validation the rows to choose settings on; empty when the validation fraction is 0
 * @param test       the rest
 */
public record Split(Table train, Table validation, Table test) {

    /**
     * A split that keeps each class's share in every part: every class is split on its own, so a class
     * with {@code n} rows gives {@code round(n * trainFraction)} training and
     * {@code round(n * validationFraction)} validation rows (within one row of its exact share), the
     * rest going to test.
     *
     * <p>A class must appear in every part: one with fewer rows than there are parts (3, or 2 without
     * validation) is refused with an exception naming it, and a small class whose rounding would leave a
     * part empty gives that part one row taken from its largest part (so its shares may then be off by
     * more than a row).
     *
     * @param labelColumn the column holding each row's class, e.g. "species"
     * @throws IllegalArgumentException for fractions outside (0, 1) (validation: [0, 1)) or summing to 1 or
     *                                  more, an unknown column, a missing label, or a class too small to
     *                                  appear in every part
     */
    public static Split stratified(Table table, String labelColumn, double trainFraction, double validationFraction,
                                   long seed) {
        checkFractions("Split.stratified", trainFraction, validationFraction);
        Map<String, List<Integer>> byClass = rowsByClass("Split.stratified", table, labelColumn);
        int parts = validationFraction > 0 ? 3 : 2;
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> entry : byClass.entrySet()) {
            List<Integer> rows = entry.getValue();
            int n = rows.size();
            if (n < parts) {
                throw new IllegalArgumentException("Split.stratified: class '" + entry.getKey() + "' of column '"
                        + labelColumn + "' has only " + n + (n == 1 ? " row" : " rows") + ", too few to appear in "
                        + (parts == 3 ? "train, validation and test" : "train and test")
                        + "; drop or merge that class first, or use Split.random");
            }
            int[] counts = counts(n, trainFraction, validationFraction);
            Collections.shuffle(rows, random);
            train.addAll(rows.subList(0, counts[0]));
            validation.addAll(rows.subList(counts[0], counts[0] + counts[1]));
            test.addAll(rows.subList(counts[0] + counts[1], n));
        }
        return of(table, train, validation, test, random);
    }

    /**
     * A split of shuffled rows, ignoring classes: {@code round(rows * trainFraction)} training rows,
     * {@code round(rows * validationFraction)} validation rows, the rest test. Use it for regression
     * targets, and {@link #stratified} for classes.
     *
     * @throws IllegalArgumentException for fractions outside (0, 1) (validation: [0, 1)) or summing to 1 or
     *                                  more, or a table too small to give every part a row
     */
    public static Split random(Table table, double trainFraction, double validationFraction, long seed) {
        checkFractions("Split.random", trainFraction, validationFraction);
        checkNotEmpty("Split.random", table);
        int n = table.rowCount();
        int parts = validationFraction > 0 ? 3 : 2;
        if (n < parts) {
            throw new IllegalArgumentException("Split.random: table '" + table.name() + "' has only " + n
                    + (n == 1 ? " row" : " rows") + ", too few for " + parts + " parts; use a larger table");
        }
        int[] counts = counts(n, trainFraction, validationFraction);
        List<Integer> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(i);
        }
        Random random = new Random(seed);
        Collections.shuffle(rows, random);
        return of(table, rows.subList(0, counts[0]), rows.subList(counts[0], counts[0] + counts[1]),
                rows.subList(counts[0] + counts[1], n), random);
    }

    /**
     * One of the {@code of} folds of a k-fold split: a model trains on {@code train} and is scored on
     * {@code validation}; across the folds every row is validation exactly once.
     */
    public record Fold(int number, int of, Table train, Table validation) {

        @Override
        public String toString() {
            return "Fold " + number + " of " + of + ": train " + train.rowCount() + ", validation "
                    + validation.rowCount() + " rows";
        }
    }

    /**
     * Stratified k-fold cross-validation: the rows are dealt into {@code k} folds class by class, so each fold
     * holds each class's share (within one row), and fold {@code i} is the validation part of the {@code i}-th
     * split, the other folds its training part. Seeded: the same table, {@code k} and seed give the same folds.
     * Every row is scored once, so the mean of the k scores uses all the data, and their spread shows how much
     * one split's score can be trusted. Keep a test set apart first: the folds are for choosing settings.
     *
     * @throws IllegalArgumentException for {@code k < 2}, an unknown column, a missing label, or a class with
     *                                  fewer rows than folds
     */
    public static List<Fold> stratifiedFolds(Table table, String labelColumn, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("Split.stratifiedFolds: k = " + k + " folds; cross-validation needs "
                    + "at least 2, usually 5 or 10");
        }
        Map<String, List<Integer>> byClass = rowsByClass("Split.stratifiedFolds", table, labelColumn);
        Random random = new Random(seed);
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        int next = 0;   // where the next class starts dealing, so that the remainders spread over the folds
        for (Map.Entry<String, List<Integer>> entry : byClass.entrySet()) {
            List<Integer> rows = entry.getValue();
            if (rows.size() < k) {
                throw new IllegalArgumentException("Split.stratifiedFolds: class '" + entry.getKey() + "' of column '"
                        + labelColumn + "' has only " + rows.size() + (rows.size() == 1 ? " row" : " rows") + ", fewer "
                        + "than the " + k + " folds; use at most " + rows.size() + " folds, or drop or merge that class");
            }
            Collections.shuffle(rows, random);
            for (int row : rows) {
                folds.get(next).add(row);
                next = (next + 1) % k;
            }
        }
        List<Fold> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>();
            for (int other = 0; other < k; other++) {
                if (other != f) {
                    train.addAll(folds.get(other));
                }
            }
            out.add(new Fold(f + 1, k, part(table, train, "fold " + (f + 1) + " train", random),
                    part(table, folds.get(f), "fold " + (f + 1) + " validation", random)));
        }
        return out;
    }

    /** The rows of each class, classes in name order. */
    private static Map<String, List<Integer>> rowsByClass(String caller, Table table, String labelColumn) {
        Column<?> labels = Tables.column(table, labelColumn, caller);
        Map<String, List<Integer>> byClass = new java.util.TreeMap<>();
        for (int row = 0; row < table.rowCount(); row++) {
            if (Tables.isMissing(labels, row)) {
                throw new IllegalArgumentException(caller + ": the label in column '" + labelColumn
                        + "' is missing at row " + row + " of '" + table.name() + "'; drop such rows first with "
                        + "Tables.dropMissing(table, \"" + labelColumn + "\")");
            }
            byClass.computeIfAbsent(labels.getString(row), k -> new ArrayList<>()).add(row);
        }
        checkNotEmpty(caller, table);
        return byClass;
    }

    /** The number of rows in each part, e.g. "train 105, validation 22, test 23". */
    @Override
    public String toString() {
        return "Split: train " + train.rowCount() + ", validation " + validation.rowCount() + ", test "
                + test.rowCount() + " rows";
    }

    /**
     * Train, validation and test counts for {@code n} rows: rounded shares, then at least one row in every
     * part that should have one, taken from the largest part.
     */
    static int[] counts(int n, double trainFraction, double validationFraction) {
        int[] counts = new int[3];
        counts[0] = (int) Math.round(n * trainFraction);
        counts[1] = (int) Math.round(n * validationFraction);
        counts[2] = n - counts[0] - counts[1];
        while (counts[2] < 0) {
            // Both shares rounded up past n: give back from the larger one.
            counts[counts[0] >= counts[1] ? 0 : 1]--;
            counts[2]++;
        }
        boolean[] wanted = {true, validationFraction > 0, true};
        for (int part = 0; part < 3; part++) {
            if (wanted[part] && counts[part] == 0) {
                int largest = 0;
                for (int other = 1; other < 3; other++) {
                    if (counts[other] > counts[largest]) {
                        largest = other;
                    }
                }
                counts[largest]--;
                counts[part]++;
            }
        }
        return counts;
    }

    private static Split of(Table table, List<Integer> train, List<Integer> validation, List<Integer> test,
                            Random random) {
        return new Split(part(table, train, "train", random), part(table, validation, "validation", random),
                part(table, test, "test", random));
    }

    private static Table part(Table table, List<Integer> rows, String part, Random random) {
        List<Integer> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, random);
        return Tables.rows(table, shuffled.stream().mapToInt(Integer::intValue).toArray(),
                (table.name() == null ? "table" : table.name()) + " (" + part + ")");
    }

    private static void checkFractions(String caller, double trainFraction, double validationFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException(caller + ": trainFraction " + trainFraction
                    + " must be between 0 and 1 (exclusive), e.g. 0.7");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException(caller + ": validationFraction " + validationFraction
                    + " must be at least 0 and below 1, e.g. 0.15 (0 for no validation part)");
        }
        if (trainFraction + validationFraction >= 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: trainFraction %s + validationFraction "
                            + "%s = %s leaves nothing for test; make them sum to less than 1, e.g. 0.7 and 0.15",
                    caller, trainFraction, validationFraction, trainFraction + validationFraction));
        }
    }

    private static void checkNotEmpty(String caller, Table table) {
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException(caller + ": table '" + table.name() + "' has no rows; "
                    + "load the data first (and check any filter applied to it)");
        }
    }
}
