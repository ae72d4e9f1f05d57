package dlkit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tech.tablesaw.api.Table;

/**
 * What to do to a table before a network sees it: which column is the target, which columns are the
 * features, which of them are categories to one-hot encode, and how to scale the numbers. A
 * {@code Preprocessor} is only that plan; {@link #fit(Table)} learns the numbers it needs (means, standard
 * deviations, categories, classes) from the <em>training</em> table and returns a {@link FittedPreprocessor}
 * that applies them, unchanged, to any table: the validation and test rows are scaled with the training
 * statistics, as they must be, so nothing about them leaks into training.
 *
 * <pre>{@code
 * FittedPreprocessor prep = Preprocessor.target("species")
 *         .features("bill_length_mm", "flipper_length_mm", "island")
 *         .oneHot("island")
 *         .standardize()
 *         .fit(split.train());
 * DataSetIterator train = prep.iterator(split.train(), 32, 42);
 * DataSet test = prep.transform(split.test());
 * }</pre>
 *
 * <p>Each setting returns a new plan; a plan can be fitted many times. The rules:
 * <ul>
 * <li>Without {@link #features}, every column but the target is a feature.</li>
 * <li>Number columns are used as they are, or scaled by {@link #standardize()} or {@link #minMax()}. A
 *     column that is constant in the training table is shifted but divided by 1, never by 0, so it becomes
 *     0 rather than NaN.</li>
 * <li>Text columns must be named in {@link #oneHot}; a number column may be too (e.g. codes). Each
 *     category seen in the training table becomes a 0/1 feature named {@code column=value}, in sorted
 *     order. A category the training table never showed is an error when transforming, unless
 *     {@link #ignoreUnknownCategories()} is set, in which case it is encoded as all zeros.</li>
 * <li>A missing value (NA, empty, NaN) is an error naming its column and row: drop such rows first with
 *     {@link Tables#dropMissing}.</li>
 * <li>The target is a class (one-hot labels, classes sorted: numerically for number columns, else
 *     alphabetically, or as given to {@link #classes}) unless {@link #regression()} makes it one number per
 *     row, optionally standardised by {@link #scaleTarget()}. {@link #positiveClass} makes a two-class target
 *     one 0/1 column, for a single sigmoid output.</li>
 * </ul>
 */
public final class Preprocessor {

    /** How number features are scaled. */
    enum Scaling {
        /** Unchanged. */
        NONE,
        /** Minus the training mean, divided by the training standard deviation. */
        STANDARDIZE,
        /** Minus the training minimum, divided by the training range: [0, 1] on the training rows. */
        MIN_MAX
    }

    final String target;
    final List<String> features;
    final Set<String> oneHot;
    final Scaling scaling;
    final boolean regression;
    final boolean scaleTarget;
    final boolean ignoreUnknown;
    final List<String> classes;
    final String positive;

    private Preprocessor(String target, List<String> features, Set<String> oneHot, Scaling scaling,
                         boolean regression, boolean scaleTarget, boolean ignoreUnknown, List<String> classes,
                         String positive) {
        this.target = target;
        this.features = features;
        this.oneHot = oneHot;
        this.scaling = scaling;
        this.regression = regression;
        this.scaleTarget = scaleTarget;
        this.ignoreUnknown = ignoreUnknown;
        this.classes = classes;
        this.positive = positive;
    }

    /**
     * A plan predicting column {@code column}, with every other column as a feature, nothing one-hot
     * encoded and nothing scaled yet.
     */
    public static Preprocessor target(String column) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("Preprocessor.target('" + column + "'): name the column to predict, "
                    + "e.g. Preprocessor.target(\"species\")");
        }
        return new Preprocessor(column, null, Set.of(), Scaling.NONE, false, false, false, null, null);
    }

    /** The name of the column to predict. */
    public String targetColumn() {
        return target;
    }

    /** Whether the target is a number ({@link #regression()}) rather than a class. */
    public boolean isRegression() {
        return regression;
    }

    /** The feature columns, in the order the network sees them (one-hot columns expand in place). */
    public Preprocessor features(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("features() needs at least one column, e.g. features(\"bill_length_mm\"); "
                    + "leave it out to use every column but the target");
        }
        List<String> list = List.of(columns);
        if (new LinkedHashSet<>(list).size() != list.size()) {
            throw new IllegalArgumentException("features" + list + " names a column twice; name each once");
        }
        if (list.contains(target)) {
            throw new IllegalArgumentException("features" + list + " includes '" + target + "', the target; "
                    + "a network must not see the answer among its inputs: leave it out");
        }
        return new Preprocessor(target, list, oneHot, scaling, regression, scaleTarget, ignoreUnknown, classes,
                positive);
    }

    /** Columns whose values are categories, each expanded into one 0/1 feature per category. */
    public Preprocessor oneHot(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("oneHot() needs at least one column, e.g. oneHot(\"island\")");
        }
        Set<String> set = new LinkedHashSet<>(oneHot);
        set.addAll(List.of(columns));
        if (set.contains(target)) {
            throw new IllegalArgumentException("oneHot(...) names '" + target + "', the target; the target's classes "
                    + "are one-hot encoded already: leave it out");
        }
        return new Preprocessor(target, features, Set.copyOf(set), scaling, regression, scaleTarget, ignoreUnknown,
                classes, positive);
    }

    /** Scale number features to mean 0 and standard deviation 1 on the training rows. */
    public Preprocessor standardize() {
        return new Preprocessor(target, features, oneHot, Scaling.STANDARDIZE, regression, scaleTarget, ignoreUnknown,
                classes, positive);
    }

    /** Scale number features to [0, 1] on the training rows (other rows may fall outside). */
    public Preprocessor minMax() {
        return new Preprocessor(target, features, oneHot, Scaling.MIN_MAX, regression, scaleTarget, ignoreUnknown,
                classes, positive);
    }

    /** The target is a number to predict: labels are one column, {@code [rows, 1]}. */
    public Preprocessor regression() {
        return new Preprocessor(target, features, oneHot, scaling, true, scaleTarget, ignoreUnknown, classes,
                positive);
    }

    /**
     * Standardise a regression target with its training mean and standard deviation (implies
     * {@link #regression()}); turn predictions back into the target's units with
     * {@link FittedPreprocessor#unscaleTarget}.
     */
    public Preprocessor scaleTarget() {
        return new Preprocessor(target, features, oneHot, scaling, true, true, ignoreUnknown, classes, positive);
    }

    /**
     * The classes in this order, instead of the sorted ones found in the training table; use it when a
     * class may be absent from the training rows or when the order matters.
     */
    public Preprocessor classes(String... names) {
        List<String> list = List.of(names);
        if (list.isEmpty() || new LinkedHashSet<>(list).size() != list.size()) {
            throw new IllegalArgumentException("classes" + list + " must name at least one class, each once");
        }
        return new Preprocessor(target, features, oneHot, scaling, regression, scaleTarget, ignoreUnknown, list,
                positive);
    }

    /**
     * A two-class target as <em>one</em> label column, 1 for the class {@code name} and 0 for the other: the
     * labels for a network with one sigmoid output and binary cross-entropy ({@code XENT}), whose output is the
     * probability of {@code name}. The fitted preprocessor's {@link FittedPreprocessor#classes()} are then
     * {@code [the other class, name]}, so that class index 1 is {@code name}, as {@code Predictions.from} reads a
     * single sigmoid output, and {@link FittedPreprocessor#numOutputs()} is 1.
     *
     * <p>Fitting refuses a target with other than two classes (found in the training table, or given to
     * {@link #classes}) or without {@code name} among them, and a plan that is also a {@link #regression()}.
     */
    public Preprocessor positiveClass(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("positiveClass('" + name + "'): name the class that the label 1 stands "
                    + "for, e.g. positiveClass(\"malignant\")");
        }
        return new Preprocessor(target, features, oneHot, scaling, regression, scaleTarget, ignoreUnknown, classes,
                name);
    }

    /** Encode a category that was not in the training table as all zeros instead of refusing it. */
    public Preprocessor ignoreUnknownCategories() {
        return new Preprocessor(target, features, oneHot, scaling, regression, scaleTarget, true, classes, positive);
    }

    /**
     * Learns the statistics from {@code train}: means and standard deviations (or minima and ranges), the
     * categories of one-hot columns, and the classes (or the target's mean and standard deviation).
     *
     * @throws IllegalArgumentException for an empty table, an unknown column (the message lists the
     *                                  table's columns), a text column not one-hot encoded, a missing value
     *                                  (naming column and row), or a class not among {@link #classes}
     */
    public FittedPreprocessor fit(Table train) {
        return FittedPreprocessor.fit(this, train);
    }

    /** The columns used as features for {@code table}: the named ones, or all but the target. */
    List<String> featureColumns(Table table) {
        if (features != null) {
            return features;
        }
        List<String> all = new ArrayList<>(table.columnNames());
        all.remove(target);
        return all;
    }

    @Override
    public String toString() {
        return "Preprocessor(target " + target + (regression ? " (regression" + (scaleTarget ? ", scaled)" : ")") : "")
                + (positive == null ? "" : " (1 = " + positive + ")")
                + ", features " + (features == null ? "all others" : features.toString())
                + (oneHot.isEmpty() ? "" : ", one-hot " + Arrays.toString(oneHot.stream().sorted().toArray()))
                + ", scaling " + scaling.name().toLowerCase().replace('_', '-') + ")";
    }
}
