package dlkit.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A {@link Preprocessor} fitted on a training table: it turns any table with the same columns into
 * features (float, {@code [rows, featureNames().size()]}) and labels (one-hot {@code [rows, classes]}, or
 * {@code [rows, 1]} for regression and for a 0/1 {@link Preprocessor#positiveClass} target), using only what it learned from the training table. Row {@code i} of
 * the arrays is row {@code i} of the table. Immutable.
 */
public final class FittedPreprocessor {

    /**
     * One input column and what was learned about it on the training table: its categories when it is
     * one-hot encoded (else {@code null}), and for a number the center and scale it is shifted and divided by
     * (the training mean and standard deviation when standardised; 0 and 1 when not scaled).
     */
    public record Input(String column, List<String> categories, double center, double scale) {
        /** Whether the column is a category, one-hot encoded. */
        public boolean oneHot() {
            return categories != null;
        }
    }

    private final Preprocessor plan;
    private final List<Input> inputs;
    private final List<String> featureNames;
    private final List<String> classes;
    private final double targetCenter;
    private final double targetScale;

    private FittedPreprocessor(Preprocessor plan, List<Input> inputs, List<String> classes, double targetCenter,
                               double targetScale) {
        this.plan = plan;
        this.inputs = List.copyOf(inputs);
        this.classes = classes == null ? List.of() : List.copyOf(classes);
        this.targetCenter = targetCenter;
        this.targetScale = targetScale;
        List<String> names = new ArrayList<>();
        for (Input input : inputs) {
            if (input.oneHot()) {
                input.categories().forEach(c -> names.add(input.column() + "=" + c));
            } else {
                names.add(input.column());
            }
        }
        this.featureNames = List.copyOf(names);
    }

    static FittedPreprocessor fit(Preprocessor plan, Table train) {
        String caller = "Preprocessor.fit";
        if (train.rowCount() == 0) {
            throw new IllegalArgumentException(caller + ": table '" + train.name() + "' has no rows; fit on the "
                    + "training part of a Split, after any filter has left rows in it");
        }
        List<String> featureColumns = plan.featureColumns(train);
        if (featureColumns.isEmpty()) {
            throw new IllegalArgumentException(caller + ": table '" + train.name() + "' has no column besides the "
                    + "target '" + plan.target + "'; its columns are " + train.columnNames());
        }
        for (String name : plan.oneHot) {
            Tables.column(train, name, caller + " (oneHot)");
            if (!featureColumns.contains(name)) {
                throw new IllegalArgumentException(caller + ": oneHot column '" + name + "' is not among the features "
                        + featureColumns + "; add it to features(...) or leave it out of oneHot(...)");
            }
        }
        Column<?> targetColumn = Tables.column(train, plan.target, caller + " (target)");
        List<Input> inputs = new ArrayList<>();
        for (String name : featureColumns) {
            Column<?> column = Tables.column(train, name, caller + " (features)");
            checkComplete(column, train, plan, featureColumns);
            if (plan.oneHot.contains(name)) {
                inputs.add(new Input(name, categories(column), 0, 1));
            } else {
                double[] values = numbers(column, train, caller);
                double[] stats = statistics(values, plan.scaling);
                inputs.add(new Input(name, null, stats[0], stats[1]));
            }
        }
        checkComplete(targetColumn, train, plan, featureColumns);
        if (plan.regression && plan.positive != null) {
            throw new IllegalArgumentException(caller + ": positiveClass(\"" + plan.positive + "\") makes the target a "
                    + "class, regression() a number; use one of them");
        }
        if (plan.regression) {
            double[] values = numbers(targetColumn, train, caller + " (regression target)",
                    "regression() needs a number target; leave out regression() to predict classes");
            double[] stats = statistics(values, plan.scaleTarget ? Preprocessor.Scaling.STANDARDIZE
                    : Preprocessor.Scaling.NONE);
            return new FittedPreprocessor(plan, inputs, null, stats[0], stats[1]);
        }
        List<String> classes = plan.classes != null ? plan.classes : categories(targetColumn);
        if (plan.positive != null) {
            classes = binaryClasses(plan, classes);
        }
        FittedPreprocessor fitted = new FittedPreprocessor(plan, inputs, classes, 0, 1);
        fitted.labelMatrix(train);
        return fitted;
    }

    /** The two classes of a {@link Preprocessor#positiveClass} target: the other one first, the positive one second. */
    private static List<String> binaryClasses(Preprocessor plan, List<String> classes) {
        String where = plan.classes != null ? "given to classes(...)" : "in the training table";
        if (classes.size() != 2 || !classes.contains(plan.positive)) {
            throw new IllegalArgumentException("Preprocessor.fit: positiveClass(\"" + plan.positive + "\") needs a target "
                    + "with two classes, one of them '" + plan.positive + "', but column '" + plan.target + "' has "
                    + classes + " " + where + "; for more classes use one output per class (softmax) and leave "
                    + "positiveClass out");
        }
        String other = classes.get(0).equals(plan.positive) ? classes.get(1) : classes.get(0);
        return List.of(other, plan.positive);
    }

    /** Whether number inputs were standardised, so that an input's center and scale are its training mean and std. */
    public boolean standardized() {
        return plan.scaling == Preprocessor.Scaling.STANDARDIZE;
    }

    /** The input columns, in the order the network sees them, with what was learned about each. */
    public List<Input> inputs() {
        return inputs;
    }

    /** The column that is predicted. */
    public String target() {
        return plan.target;
    }

    /** Whether the target is a number (labels {@code [rows, 1]}) rather than a class. */
    public boolean regression() {
        return plan.regression;
    }

    /**
     * The names of the network's inputs, in order: number columns by name, one-hot columns as
     * {@code column=category} (e.g. {@code island=Biscoe}).
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The class names, in label order (column {@code i} of the labels is class {@code i}); empty for regression. */
    public List<String> classes() {
        return classes;
    }

    /** The number of inputs, the {@code nIn} of the network's first layer. */
    public int numInputs() {
        return featureNames.size();
    }

    /**
     * The number of outputs, the {@code nOut} of the output layer: the classes, or 1 for regression and for a
     * {@link Preprocessor#positiveClass} target.
     */
    public int numOutputs() {
        return plan.regression || plan.positive != null ? 1 : classes.size();
    }

    /** The class that label 1 stands for with {@link Preprocessor#positiveClass}, else null. */
    public String positiveClass() {
        return plan.positive;
    }

    /**
     * Features and labels of {@code table}, one example per row, with the training statistics.
     *
     * @throws IllegalArgumentException for an unknown column, a missing value (naming column and row), an
     *                                  unseen category, or a label that is not one of {@link #classes()}
     */
    public DataSet transform(Table table) {
        float[][] labels = labelMatrix(table);
        DataSet data = new DataSet(array(featureMatrix(table), numInputs()), array(labels, numOutputs()));
        if (!plan.regression) {
            data.setLabelNames(classes);
        }
        return data;
    }

    /** Only the features of {@code table}, e.g. new rows to predict that have no target column. */
    public INDArray features(Table table) {
        return array(featureMatrix(table), numInputs());
    }

    /**
     * The features of raw rows, e.g. the JSON rows a model server receives: each row maps every input column
     * ({@link #inputs()}) to its value, a number for a number column ({@code true}/{@code false} count as 1/0)
     * and a category name for a one-hot column (numbers are accepted there too, e.g. {@code 2} for category
     * "2"). A value for the target column is ignored, so labelled rows can be sent as they are.
     *
     * @throws InvalidInputException for no rows, a missing or unknown column, a missing, non-finite or
     *                               non-numeric value, a number too large for the network once scaled (e.g.
     *                               1e308), or an unseen category; the message names the row, the column, the
     *                               value and the fix
     */
    public INDArray features(List<? extends Map<String, ?>> rows) {
        if (rows == null || rows.isEmpty()) {
            throw new InvalidInputException("no rows to predict: send at least one row, a map from each input column "
                    + "to its value, e.g. " + exampleRow());
        }
        Map<String, Input> byName = new LinkedHashMap<>();
        inputs.forEach(i -> byName.put(i.column(), i));
        float[][] out = new float[rows.size()][numInputs()];
        for (int r = 0; r < rows.size(); r++) {
            Map<String, ?> row = rows.get(r);
            if (row == null) {
                throw new InvalidInputException("row " + r + " is null; each row maps the input columns "
                        + byName.keySet() + " to values, e.g. " + exampleRow());
            }
            for (String key : row.keySet()) {
                if (!byName.containsKey(key) && !plan.target.equals(key)) {
                    throw new InvalidInputException("row " + r + " has column '" + key + "', which is not an input "
                            + "of this model; its inputs are " + byName.keySet() + (nearest(key, byName.keySet())));
                }
            }
            int offset = 0;
            for (Input input : inputs) {
                String column = input.column();
                if (!row.containsKey(column)) {
                    throw new InvalidInputException("row " + r + " lacks column '" + column + "'; every row needs all "
                            + "inputs " + byName.keySet());
                }
                Object value = row.get(column);
                if (input.oneHot()) {
                    String category = categoryOf(value, r, input);
                    int c = input.categories().indexOf(category);
                    if (c >= 0) {
                        out[r][offset + c] = 1f;
                    } else if (!plan.ignoreUnknown) {
                        throw new InvalidInputException("row " + r + ": column '" + column + "' is '" + category
                                + "', a category the model was not trained on; use one of " + input.categories());
                    }
                    offset += input.categories().size();
                } else {
                    out[r][offset++] = scaled(numberOf(value, r, column), r, input);
                }
            }
        }
        return array(out, numInputs());
    }

    /**
     * {@code value} shifted and scaled for the network, which computes in 32-bit floats: a value whose scaled
     * form is beyond the largest float (about 3.4e38), e.g. 1e308, is refused rather than becoming an infinity
     * that turns every output into NaN.
     */
    private float scaled(double value, int row, Input input) {
        double scaled = (value - input.center()) / input.scale();
        if (!Float.isFinite((float) scaled)) {
            throw new InvalidInputException("row " + row + ": column '" + input.column() + "' is " + value + ", out of "
                    + "range: scaled for the network it becomes " + String.format(java.util.Locale.ROOT, "%.3g", scaled)
                    + ", more than the network's 32-bit numbers hold (" + Float.MAX_VALUE + "); send a value like the "
                    + "training data's" + trainingRange(input));
        }
        return (float) scaled;
    }

    /** What the training data of a number input looked like, e.g. " (mean 4207, standard deviation 805.2)". */
    private String trainingRange(Input input) {
        return switch (plan.scaling) {
            case STANDARDIZE -> " (mean " + plain(input.center()) + ", standard deviation " + plain(input.scale()) + ")";
            case MIN_MAX -> " (from " + plain(input.center()) + " to " + plain(input.center() + input.scale()) + ")";
            default -> "";
        };
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, "%.4g", value);
    }

    private static String categoryOf(Object value, int row, Input input) {
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            double v = number.doubleValue();
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        throw new InvalidInputException("row " + row + ": column '" + input.column() + "' is " + describe(value)
                + "; it needs one of the categories " + input.categories());
    }

    private static double numberOf(Object value, int row, String column) {
        if (value instanceof Number number) {
            double v = number.doubleValue();
            if (Double.isFinite(v)) {
                return v;
            }
        } else if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new InvalidInputException("row " + row + ": column '" + column + "' is " + describe(value)
                + ", not a number; send a finite number" + (value instanceof String text && isNumber(text)
                ? " without quotes: " + text.strip() : ", e.g. 1.5"));
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "missing (null)";
        }
        if (value instanceof String text) {
            return "the text \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return "a " + (value instanceof Map ? "nested object" : value instanceof List ? "list" : value.getClass()
                .getSimpleName());
    }

    /** ", did you mean 'x'?" for a name one or two edits away from an input, else "". */
    private static String nearest(String name, java.util.Collection<String> names) {
        for (String candidate : names) {
            if (editDistance(name.toLowerCase(), candidate.toLowerCase()) <= 2) {
                return "; did you mean '" + candidate + "'?";
            }
        }
        return "";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** A row of plausible values (the training centers and first categories), for error messages. */
    String exampleRow() {
        StringBuilder out = new StringBuilder("{");
        for (Input input : inputs) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append('"').append(input.column()).append("\": ");
            if (input.oneHot()) {
                out.append('"').append(input.categories().get(0)).append('"');
            } else {
                double v = input.center();
                out.append(v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.4g", v));
            }
        }
        return out.append('}').toString();
    }

    /**
     * Mini-batches of {@code table} for training, shuffled anew each epoch; the orders come from {@code seed},
     * so a run can be repeated exactly. See {@link Batches#shuffled}.
     */
    public DataSetIterator iterator(Table table, int batchSize, long seed) {
        Batches.checkBatchSize(batchSize);
        return Batches.shuffled(transform(table), batchSize, seed);
    }

    /** Mini-batches of {@code table} in row order, e.g. for evaluation. */
    public DataSetIterator iterator(Table table, int batchSize) {
        Batches.checkBatchSize(batchSize);
        return Batches.of(transform(table), batchSize);
    }

    /**
     * Regression outputs back in the target's units: {@code value * std + mean} with the training statistics
     * when the target was scaled ({@link Preprocessor#scaleTarget()}), else a copy unchanged.
     *
     * @throws IllegalStateException when the target is a class, not a number
     */
    public INDArray unscaleTarget(INDArray scaled) {
        checkRegression();
        return scaled.castTo(DataType.DOUBLE).mul(targetScale).addi(targetCenter).castTo(scaled.dataType());
    }

    /** {@link #unscaleTarget(INDArray)} for plain numbers. */
    public double[] unscaleTarget(double[] scaled) {
        checkRegression();
        double[] out = new double[scaled.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = scaled[i] * targetScale + targetCenter;
        }
        return out;
    }

    private void checkRegression() {
        if (!plan.regression) {
            throw new IllegalStateException("unscaleTarget: target '" + plan.target + "' is a class, not a number; "
                    + "it applies to Preprocessor.target(...).regression() or .scaleTarget()");
        }
    }

    /**
     * Everything this preprocessor learned, as JSON, so that it can be saved with a model and restored by
     * {@link #fromJson}: the target, the inputs with their categories or scaling, the classes or the target's
     * scaling, and the options that change how rows are read.
     */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("target", plan.target);
        json.put("task", plan.regression ? "regression" : "classification");
        ArrayNode inputsJson = json.putArray("inputs");
        for (Input input : inputs) {
            ObjectNode node = inputsJson.addObject();
            node.put("name", input.column());
            if (input.oneHot()) {
                node.put("type", "category");
                input.categories().forEach(node.putArray("categories")::add);
            } else {
                node.put("type", "number");
                node.put("center", input.center());
                node.put("scale", input.scale());
            }
        }
        if (plan.regression) {
            json.put("targetCenter", targetCenter);
            json.put("targetScale", targetScale);
        } else {
            classes.forEach(json.putArray("classes")::add);
        }
        if (plan.positive != null) {
            json.put("positiveClass", plan.positive);
        }
        json.put("scaling", plan.scaling.name().toLowerCase(java.util.Locale.ROOT));
        json.put("ignoreUnknownCategories", plan.ignoreUnknown);
        return json;
    }

    /**
     * The preprocessor that {@link #toJson()} wrote.
     *
     * @throws IllegalArgumentException when {@code json} lacks a field or holds one of the wrong kind (the
     *                                  message names it)
     */
    public static FittedPreprocessor fromJson(JsonNode json) {
        String target = text(json, "target");
        boolean regression = switch (text(json, "task")) {
            case "regression" -> true;
            case "classification" -> false;
            default -> throw new IllegalArgumentException("preprocessor JSON: 'task' is '" + json.get("task").asText()
                    + "'; expected 'classification' or 'regression'");
        };
        List<Input> inputs = new ArrayList<>();
        List<String> oneHot = new ArrayList<>();
        for (JsonNode node : array(json, "inputs")) {
            String name = text(node, "name");
            if ("category".equals(text(node, "type"))) {
                List<String> categories = new ArrayList<>();
                array(node, "categories").forEach(c -> categories.add(c.asText()));
                inputs.add(new Input(name, List.copyOf(categories), 0, 1));
                oneHot.add(name);
            } else {
                inputs.add(new Input(name, null, number(node, "center"), number(node, "scale")));
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("preprocessor JSON: 'inputs' is empty; a preprocessor has at least one");
        }
        Preprocessor plan = Preprocessor.target(target).features(inputs.stream().map(Input::column)
                .toArray(String[]::new));
        if (!oneHot.isEmpty()) {
            plan = plan.oneHot(oneHot.toArray(String[]::new));
        }
        switch (json.path("scaling").asText("none")) {
            case "standardize" -> plan = plan.standardize();
            case "min_max" -> plan = plan.minMax();
            default -> { }
        }
        if (json.path("ignoreUnknownCategories").asBoolean(false)) {
            plan = plan.ignoreUnknownCategories();
        }
        if (regression) {
            return new FittedPreprocessor(plan.regression(), inputs, null, number(json, "targetCenter"),
                    number(json, "targetScale"));
        }
        List<String> classes = new ArrayList<>();
        array(json, "classes").forEach(c -> classes.add(c.asText()));
        plan = plan.classes(classes.toArray(String[]::new));
        if (json.hasNonNull("positiveClass")) {
            plan = plan.positiveClass(json.get("positiveClass").asText());
        }
        return new FittedPreprocessor(plan, inputs, classes, 0, 1);
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("preprocessor JSON: field '" + field + "' is missing or not text in "
                    + json);
        }
        return node.asText();
    }

    private static double number(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException("preprocessor JSON: field '" + field + "' is missing or not a number in "
                    + json);
        }
        return node.asDouble();
    }

    private static JsonNode array(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("preprocessor JSON: field '" + field + "' is missing or not a list in "
                    + json);
        }
        return node;
    }

    @Override
    public String toString() {
        return "FittedPreprocessor(target " + plan.target + ", " + numInputs() + " inputs " + featureNames + ", "
                + (plan.regression ? "regression" : classes.size() + " classes " + classes) + ")";
    }

    /** The features of {@code table} as rows of floats, scaled and one-hot encoded. */
    float[][] featureMatrix(Table table) {
        String caller = "transform";
        List<String> columns = new ArrayList<>();
        inputs.forEach(i -> columns.add(i.column()));
        float[][] out = new float[table.rowCount()][numInputs()];
        int offset = 0;
        for (Input input : inputs) {
            Column<?> column = Tables.column(table, input.column(), caller);
            checkComplete(column, table, plan, columns);
            if (input.oneHot()) {
                Map<String, Integer> index = new LinkedHashMap<>();
                for (int c = 0; c < input.categories().size(); c++) {
                    index.put(input.categories().get(c), c);
                }
                for (int row = 0; row < out.length; row++) {
                    String value = key(column, row);
                    Integer c = index.get(value);
                    if (c != null) {
                        out[row][offset + c] = 1f;
                    } else if (!plan.ignoreUnknown) {
                        throw new IllegalArgumentException(caller + ": column '" + input.column() + "' holds '" + value
                                + "' at row " + row + " of '" + table.name() + "', a category the training table did "
                                + "not have (it had " + input.categories() + "); fit on rows that hold every "
                                + "category, drop such rows, or call ignoreUnknownCategories() to encode them as zeros");
                    }
                }
                offset += input.categories().size();
            } else {
                double[] values = numbers(column, table, caller);
                for (int row = 0; row < out.length; row++) {
                    out[row][offset] = (float) ((values[row] - input.center()) / input.scale());
                }
                offset++;
            }
        }
        return out;
    }

    /** The labels of {@code table}: one-hot rows, or one (scaled) number per row. */
    float[][] labelMatrix(Table table) {
        String caller = "transform";
        Column<?> column = Tables.column(table, plan.target, caller + " (target)");
        List<String> columns = new ArrayList<>();
        inputs.forEach(i -> columns.add(i.column()));
        checkComplete(column, table, plan, columns);
        float[][] out = new float[table.rowCount()][numOutputs()];
        if (plan.regression) {
            double[] values = numbers(column, table, caller + " (regression target)",
                    "regression() needs a number target; leave out regression() to predict classes");
            for (int row = 0; row < out.length; row++) {
                out[row][0] = (float) ((values[row] - targetCenter) / targetScale);
            }
            return out;
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            index.put(classes.get(c), c);
        }
        for (int row = 0; row < out.length; row++) {
            String label = key(column, row);
            Integer c = index.get(label);
            if (c == null) {
                throw new IllegalArgumentException("Label '" + label + "' in column '" + plan.target + "' at row " + row
                        + " of '" + table.name() + "' is not one of the classes " + classes + (plan.classes == null
                        ? " found in the training table; fit on rows that hold every class, or list them all with "
                        + "classes(...)" : " given to classes(...); add it there or drop such rows"));
            }
            if (plan.positive != null) {
                out[row][0] = c;
            } else {
                out[row][c] = 1f;
            }
        }
        return out;
    }

    private static INDArray array(float[][] rows, int width) {
        float[] flat = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * width, width);
        }
        return Nd4j.create(flat, new long[]{rows.length, width}, DataType.FLOAT);
    }

    /** Throws naming the first missing or infinite value of {@code column}. */
    private static void checkComplete(Column<?> column, Table table, Preprocessor plan, List<String> features) {
        for (int row = 0; row < column.size(); row++) {
            boolean missing = Tables.isMissing(column, row);
            boolean infinite = !missing && column instanceof NumericColumn<?> n && Double.isInfinite(n.getDouble(row));
            if (missing || infinite) {
                List<String> used = new ArrayList<>(features);
                if (table.containsColumn(plan.target)) {
                    used.add(plan.target);
                }
                StringBuilder args = new StringBuilder("table");
                used.forEach(u -> args.append(", \"").append(u).append('"'));
                throw new IllegalArgumentException("Column '" + column.name() + "' is "
                        + (missing ? "missing (NA or NaN)" : "infinite") + " at row " + row + " of '" + table.name()
                        + "'; drop incomplete rows first, before splitting: Tables.dropMissing(" + args + ")");
            }
        }
    }

    /** The numbers of a number or boolean column; refuses text and other types with the fix. */
    private static double[] numbers(Column<?> column, Table table, String caller) {
        return numbers(column, table, caller, "one-hot encode it with oneHot(\"" + column.name()
                + "\"), or leave it out of features(...)");
    }

    private static double[] numbers(Column<?> column, Table table, String caller, String fix) {
        double[] values = new double[column.size()];
        if (column instanceof NumericColumn<?> numbers) {
            for (int row = 0; row < values.length; row++) {
                values[row] = numbers.getDouble(row);
            }
            return values;
        }
        if (column instanceof BooleanColumn booleans) {
            for (int row = 0; row < values.length; row++) {
                values[row] = booleans.get(row) ? 1 : 0;
            }
            return values;
        }
        throw new IllegalArgumentException(caller + ": column '" + column.name() + "' of '" + table.name() + "' holds "
                + column.type().name() + " values, not numbers; " + fix);
    }

    /** Center and scale: (mean, std) or (min, range), with a scale of 1 for a constant column. */
    private static double[] statistics(double[] values, Preprocessor.Scaling scaling) {
        switch (scaling) {
            case STANDARDIZE -> {
                double mean = 0;
                for (double v : values) {
                    mean += v;
                }
                mean /= values.length;
                double squares = 0;
                for (double v : values) {
                    squares += (v - mean) * (v - mean);
                }
                double std = Math.sqrt(squares / values.length);
                return new double[]{mean, std > 1e-12 ? std : 1};
            }
            case MIN_MAX -> {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double v : values) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                return new double[]{min, max - min > 1e-12 ? max - min : 1};
            }
            default -> {
                return new double[]{0, 1};
            }
        }
    }

    /** The sorted distinct values of a column: numerically for numbers, else alphabetically. */
    private static List<String> categories(Column<?> column) {
        Comparator<String> order = column instanceof NumericColumn<?>
                ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        TreeSet<String> values = new TreeSet<>(order);
        for (int row = 0; row < column.size(); row++) {
            values.add(key(column, row));
        }
        return List.copyOf(values);
    }

    /** A value as a category name: whole numbers without ".0", other values as Tablesaw prints them. */
    private static String key(Column<?> column, int row) {
        if (column instanceof NumericColumn<?> numbers) {
            double v = numbers.getDouble(row);
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        return column.getString(row);
    }
}
