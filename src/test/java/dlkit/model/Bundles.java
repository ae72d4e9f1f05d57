package dlkit.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dlkit.data.Datasets;
import dlkit.data.FittedPreprocessor;
import dlkit.data.Preprocessor;
import dlkit.data.Split;
import dlkit.data.Tables;
import dlkit.interop.OnnxModel;
import dlkit.train.FitOptions;
import dlkit.train.Learner;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import tech.tablesaw.api.Table;

/** A real bundle for the tests: a penguin-species classifier trained for a few epochs on the shipped data. */
public final class Bundles {

    public static final List<String> MEASUREMENTS =
            List.of("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g");
    private static ModelBundle species;
    private static ModelBundle mass;
    private static ModelBundle onnx;
    private static Table test;

    private Bundles() {
    }

    public static synchronized ModelBundle penguinSpecies() {
        if (species == null) {
            Table penguins = Tables.dropMissing(Datasets.penguins());
            Split split = Split.stratified(penguins, "species", 0.8, 0, 42);
            test = split.test();
            FittedPreprocessor prep = Preprocessor.target("species")
                    .features("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "island", "sex")
                    .oneHot("island", "sex").standardize().fit(split.train());
            MultiLayerNetwork net = network(prep.numInputs(), prep.numOutputs(), Activation.SOFTMAX,
                    LossFunctions.LossFunction.MCXENT);
            Learner.fit(net, prep.iterator(split.train(), 32, 42), FitOptions.epochs(15).quiet());
            species = ModelBundle.of(net, prep).name("penguin-species").version("1.0")
                    .description("species from measurements").metric("test_accuracy", 0.97).build();
        }
        return species;
    }

    /**
     * The PyTorch penguin classifier exported to ONNX (data/models/onnx) with the preprocessing it was trained with:
     * fitted on the same training rows (rows with a missing value dropped; every fifth, from the fifth, held out).
     */
    public static synchronized ModelBundle penguinOnnx() {
        if (onnx == null) {
            onnx = ModelBundle.of(OnnxModel.load(Path.of("data/models/onnx/penguins-mlp.onnx")), onnxPreprocessor())
                    .name("penguin-species-onnx").version("1.0").description("species from measurements, by PyTorch")
                    .metric("test_accuracy", 0.985).build();
        }
        return onnx;
    }

    /** The preprocessing of the ONNX model: fitted on its training rows. */
    public static FittedPreprocessor onnxPreprocessor() {
        Table penguins = Tables.dropMissing(Datasets.penguins());
        int[] train = java.util.stream.IntStream.range(0, penguins.rowCount()).filter(i -> i % 5 != 4).toArray();
        return Preprocessor.target("species")
                .features("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "island", "sex")
                .oneHot("island", "sex").standardize().fit(penguins.rows(train));
    }

    /** A real regression bundle: a penguin's body mass in grams from its other measurements, island and sex. */
    public static synchronized ModelBundle penguinMass() {
        if (mass == null) {
            Table penguins = Tables.dropMissing(Datasets.penguins());
            FittedPreprocessor prep = Preprocessor.target("body_mass_g")
                    .features("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "island", "sex")
                    .oneHot("island", "sex").standardize().scaleTarget().fit(penguins);
            MultiLayerNetwork net = network(prep.numInputs(), 1, Activation.IDENTITY, LossFunctions.LossFunction.MSE);
            Learner.fit(net, prep.iterator(penguins, 32, 42), FitOptions.epochs(10).quiet());
            mass = ModelBundle.of(net, prep).name("penguin-mass").version("1.0").description("grams from measurements")
                    .build();
        }
        return mass;
    }

    /** The test rows of {@link #penguinSpecies()}, with their species. */
    public static synchronized Table penguinTest() {
        penguinSpecies();
        return test;
    }

    public static MultiLayerNetwork network(int inputs, int outputs, Activation activation,
                                            LossFunctions.LossFunction loss) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42)
                .updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(loss).nIn(8).nOut(outputs).activation(activation).build())
                .build());
        net.init();
        return net;
    }

    /** The rows of a penguin table as raw maps, as a client would send them. */
    public static List<Map<String, Object>> rows(Table table) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            Map<String, Object> row = new HashMap<>();
            for (String column : MEASUREMENTS) {
                row.put(column, ((Number) table.column(column).get(r)).doubleValue());
            }
            row.put("island", table.stringColumn("island").get(r));
            row.put("sex", table.stringColumn("sex").get(r));
            rows.add(row);
        }
        return rows;
    }
}
