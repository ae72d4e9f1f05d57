package dlkit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dlkit.data.FittedPreprocessor;
import dlkit.data.Preprocessor;
import dlkit.data.Split;
import dlkit.eval.ClassificationReport;
import dlkit.eval.Predictions;
import dlkit.eval.RegressionReport;
import dlkit.notebook.Html;
import dlkit.notebook.Notebook;
import dlkit.train.FitOptions;
import dlkit.train.History;
import dlkit.train.Learner;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import tech.tablesaw.api.Table;

/**
 * The whole way from a data file to a saved model as one object: load, clean, split, preprocess, build the
 * network, train, evaluate, bundle. {@link #run()} always takes the steps in that order, fits the
 * preprocessing on the training rows only and touches the test rows once, at the end, so the mistakes of
 * doing these steps by hand (scaling with statistics of the test rows, evaluating on rows the model chose
 * settings on, saving a network without its scaler) cannot happen.
 *
 * <pre>{@code
 * Pipeline.Result result = Pipeline.of("penguin-species", Datasets::penguins)
 *         .clean(Tables::dropMissing)
 *         .split(0.7, 0.15)
 *         .preprocess(Preprocessor.target("species").oneHot("island", "sex").standardize())
 *         .network(prep -> myNetwork(prep.numInputs(), prep.numOutputs()))
 *         .train(FitOptions.epochs(50), 32)
 *         .run();
 * result.bundle().save(Path.of("models/penguins.zip"));
 * }</pre>
 *
 * A pipeline is immutable: each method returns a new one, so one pipeline can be varied without changing it.
 */
public final class Pipeline {

    private final String name;
    private final Supplier<Table> source;
    private final List<UnaryOperator<Table>> cleaning;
    private final double trainFraction;
    private final double validationFraction;
    private final Preprocessor plan;
    private final Function<FittedPreprocessor, MultiLayerNetwork> network;
    private final FitOptions options;
    private final int batchSize;
    private final long seed;

    private Pipeline(String name, Supplier<Table> source, List<UnaryOperator<Table>> cleaning, double trainFraction,
                     double validationFraction, Preprocessor plan, Function<FittedPreprocessor, MultiLayerNetwork> network,
                     FitOptions options, int batchSize, long seed) {
        this.name = name;
        this.source = source;
        this.cleaning = List.copyOf(cleaning);
        this.trainFraction = trainFraction;
        this.validationFraction = validationFraction;
        this.plan = plan;
        this.network = network;
        this.options = options;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** A pipeline named {@code name} (the bundle's name) that loads its table from {@code source}. */
    public static Pipeline of(String name, Supplier<Table> source) {
        if (name == null || name.isBlank() || source == null) {
            throw new IllegalArgumentException("Pipeline.of(name, source): give a name and where the data comes from, "
                    + "e.g. Pipeline.of(\"penguin-species\", Datasets::penguins)");
        }
        return new Pipeline(name.strip(), source, List.of(), 0.7, 0.15, null, null, null, 32, Notebook.SEED);
    }

    /** A cleaning step on the whole table before it is split, e.g. {@code Tables::dropMissing}; steps run in order. */
    public Pipeline clean(UnaryOperator<Table> step) {
        Objects.requireNonNull(step, "clean(null): pass a function from table to table, e.g. Tables::dropMissing");
        List<UnaryOperator<Table>> steps = new ArrayList<>(cleaning);
        steps.add(step);
        return new Pipeline(name, source, steps, trainFraction, validationFraction, plan, network, options, batchSize,
                seed);
    }

    /**
     * The shares of training and validation rows (the rest is the test set); default 0.7 and 0.15.
     * Classes are split stratified (each class keeps its share in every part), numbers at random.
     */
    public Pipeline split(double trainFraction, double validationFraction) {
        if (!(trainFraction > 0 && validationFraction >= 0 && trainFraction + validationFraction < 1)) {
            throw new IllegalArgumentException("split(" + trainFraction + ", " + validationFraction + "): the training "
                    + "share must be above 0, the validation share 0 or more, and together below 1 so that test rows "
                    + "remain, e.g. split(0.7, 0.15)");
        }
        return new Pipeline(name, source, cleaning, trainFraction, validationFraction, plan, network, options,
                batchSize, seed);
    }

    /** How rows become features and labels; fitted on the training rows when the pipeline runs. */
    public Pipeline preprocess(Preprocessor plan) {
        Objects.requireNonNull(plan, "preprocess(null): pass a plan, e.g. Preprocessor.target(\"species\").standardize()");
        return new Pipeline(name, source, cleaning, trainFraction, validationFraction, plan, network, options,
                batchSize, seed);
    }

    /**
     * Builds the network once the preprocessing is fitted, so that it can size its input and output layers
     * with {@code prep.numInputs()} and {@code prep.numOutputs()}.
     */
    public Pipeline network(Function<FittedPreprocessor, MultiLayerNetwork> factory) {
        Objects.requireNonNull(factory, "network(null): pass a function from the fitted preprocessor to a network");
        return new Pipeline(name, source, cleaning, trainFraction, validationFraction, plan, factory, options,
                batchSize, seed);
    }

    /**
     * How to train: epochs, metrics, callbacks such as early stopping, in mini-batches of {@code batchSize}.
     * The validation rows of the split become the validation set.
     */
    public Pipeline train(FitOptions options, int batchSize) {
        Objects.requireNonNull(options, "train(null, ...): pass FitOptions, e.g. FitOptions.epochs(50)");
        if (batchSize < 1) {
            throw new IllegalArgumentException("train(options, " + batchSize + "): a batch holds at least one row, "
                    + "e.g. 32");
        }
        return new Pipeline(name, source, cleaning, trainFraction, validationFraction, plan, network, options,
                batchSize, seed);
    }

    /** The seed of the split, the shuffling and the training (default {@link Notebook#SEED}). */
    public Pipeline seed(long seed) {
        return new Pipeline(name, source, cleaning, trainFraction, validationFraction, plan, network, options,
                batchSize, seed);
    }

    /** One step of a run: what it did, and how long it took. */
    public record Step(String name, String outcome, double seconds) {
    }

    /**
     * What a run made and measured: the split, the fitted preprocessing, the trained network and its
     * history, the test evaluation ({@code classification} or {@code regression}, the other is null) and the
     * bundle, with the test metrics in its metadata.
     */
    public record Result(List<Step> steps, Split split, FittedPreprocessor preprocessor, MultiLayerNetwork network,
                         History history, ClassificationReport classification, RegressionReport regression,
                         ModelBundle bundle) implements Html {

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("Pipeline '" + bundle.name() + "':");
            for (Step step : steps) {
                out.append(String.format(Locale.ROOT, "%n  %-10s %s (%.2f s)", step.name(), step.outcome(), step.seconds()));
            }
            return out.toString();
        }

        @Override
        public String toHtml() {
            StringBuilder out = new StringBuilder("<table><caption style=\"text-align:left\"><b>Pipeline '")
                    .append(Html.escape(bundle.name())).append("'</b></caption><tr><th>step</th><th style=\"text-align:left\">"
                            + "what it did</th><th>seconds</th></tr>");
            for (Step step : steps) {
                out.append("<tr><td>").append(Html.escape(step.name())).append("</td><td style=\"text-align:left\">")
                        .append(Html.escape(step.outcome())).append(String.format(Locale.ROOT, "</td><td>%.2f</td></tr>",
                                step.seconds()));
            }
            return out.append("</table>").toString();
        }
    }

    /**
     * Runs every step in order.
     *
     * @throws IllegalStateException when a step is missing (the message says which to add)
     */
    public Result run() {
        if (plan == null) {
            throw new IllegalStateException("Pipeline '" + name + "' has no preprocessing: add "
                    + ".preprocess(Preprocessor.target(\"column to predict\")...) before run()");
        }
        if (network == null) {
            throw new IllegalStateException("Pipeline '" + name + "' has no network: add .network(prep -> ...) before run()");
        }
        if (options == null) {
            throw new IllegalStateException("Pipeline '" + name + "' has no training settings: add "
                    + ".train(FitOptions.epochs(...), batchSize) before run()");
        }
        List<Step> steps = new ArrayList<>();
        long t = System.nanoTime();
        Table table = source.get();
        if (table == null) {
            throw new IllegalStateException("Pipeline '" + name + "': the source gave no table (null)");
        }
        t = step(steps, "load", table.rowCount() + " rows x " + table.columnCount() + " columns from '" + table.name()
                + "'", t);
        for (UnaryOperator<Table> clean : cleaning) {
            int before = table.rowCount();
            table = clean.apply(table);
            t = step(steps, "clean", table.rowCount() + " rows (" + (before - table.rowCount()) + " removed)", t);
        }
        String target = plan.targetColumn();
        Split split = plan.isRegression() ? Split.random(table, trainFraction, validationFraction, seed)
                : Split.stratified(table, target, trainFraction, validationFraction, seed);
        t = step(steps, "split", split.train().rowCount() + " train / " + split.validation().rowCount() + " validation / "
                + split.test().rowCount() + " test rows" + (plan.isRegression() ? ", at random"
                : ", stratified by " + target), t);
        FittedPreprocessor prep = plan.fit(split.train());
        t = step(steps, "preprocess", "fitted on the " + split.train().rowCount() + " training rows only: "
                + prep.numInputs() + " inputs, " + (prep.regression() ? "a number to predict" : prep.numOutputs()
                + " outputs " + prep.classes()), t);
        MultiLayerNetwork net = network.apply(prep);
        if (net == null) {
            throw new IllegalStateException("Pipeline '" + name + "': the network function returned null; return "
                    + "the network, e.g. prep -> { var net = new MultiLayerNetwork(conf); net.init(); return net; }");
        }
        if (net.getLayers() == null) {
            net.init();
        }
        ModelBundle.of(net, prep); // refuses a network whose input size does not match the preprocessing
        t = step(steps, "network", String.format(Locale.ROOT, "%,d parameters", net.numParams()), t);
        FitOptions fit = options.seed(seed);
        if (split.validation().rowCount() > 0) {
            fit = fit.validation(prep.transform(split.validation()));
        }
        History history = Learner.fit(net, prep.iterator(split.train(), batchSize, seed), fit);
        t = step(steps, "train", history.summary(), t);
        ClassificationReport classification = null;
        RegressionReport regression = null;
        ModelBundle.Builder bundle = ModelBundle.of(net, prep).name(name)
                .description("predicts " + target + " from " + prep.inputs().size() + " columns; trained by a pipeline");
        if (prep.regression()) {
            INDArray out = prep.unscaleTarget(net.output(prep.features(split.test()), false));
            double[] predicted = out.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
            double[] actual = split.test().numberColumn(target).asDoubleArray();
            regression = RegressionReport.of(actual, predicted);
            bundle.metric("test_rmse", regression.rmse()).metric("test_r2", regression.r2());
            t = step(steps, "evaluate", String.format(Locale.ROOT, "on %d test rows: RMSE %.4g, R² %.3f",
                    regression.size(), regression.rmse(), regression.r2()), t);
        } else {
            Predictions predictions = Predictions.of(net, prep.iterator(split.test(), 256), prep.classes());
            classification = ClassificationReport.of(predictions);
            bundle.metric("test_accuracy", classification.accuracy())
                    .metric("test_macro_f1", classification.macroAverage().f1());
            t = step(steps, "evaluate", String.format(Locale.ROOT, "on %d test rows: accuracy %.3f, macro F1 %.3f",
                    predictions.size(), classification.accuracy(), classification.macroAverage().f1()), t);
        }
        ModelBundle built = bundle.build();
        step(steps, "bundle", built.toString(), t);
        return new Result(List.copyOf(steps), split, prep, net, history, classification, regression, built);
    }

    private static long step(List<Step> steps, String name, String outcome, long start) {
        long now = System.nanoTime();
        steps.add(new Step(name, outcome, (now - start) / 1e9));
        return now;
    }

    @Override
    public String toString() {
        return "Pipeline(" + name + ": load" + (cleaning.isEmpty() ? "" : ", clean x" + cleaning.size())
                + String.format(Locale.ROOT, ", split %.2f/%.2f/%.2f", trainFraction, validationFraction,
                1 - trainFraction - validationFraction) + ", preprocess " + (plan == null ? "(missing)" : plan)
                + ", network" + (network == null ? " (missing)" : "") + ", train" + (options == null ? " (missing)" : "")
                + ", evaluate, bundle)";
    }
}
