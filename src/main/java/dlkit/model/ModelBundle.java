package dlkit.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

import dlkit.data.FittedPreprocessor;
import dlkit.data.InvalidInputException;
import dlkit.interop.OnnxModel;
import dlkit.io.AtomicFile;
import dlkit.layers.FormerNames;
import dlkit.layers.FastLayers;

/**
 * A trained network together with everything needed to use it on raw data: the fitted preprocessing
 * (scaling, one-hot categories), the class names, and metadata (name, version, creation time, metrics).
 * Saved and loaded as one file, so that a network can never meet the wrong scaler:
 *
 * <pre>{@code
 * ModelBundle bundle = ModelBundle.of(net, prep).name("penguin-species").version("1.0")
 *         .metric("test_accuracy", 0.98).build();
 * bundle.save(Path.of("models/penguins.zip"));
 * ModelBundle loaded = ModelBundle.load(Path.of("models/penguins.zip"));
 * loaded.predict(Map.of("bill_length_mm", 39.1, "island", "Torgersen", ...));
 * }</pre>
 *
 * <p>The file is a zip holding {@code bundle.json} (metadata and preprocessing, readable by any JSON tool)
 * and {@code network.zip} (DL4J's own model format). Saving is atomic. {@link #predict} is safe to call
 * from several threads: DL4J networks are not, so calls take turns on the network.
 */
public final class ModelBundle {

    /** The {@code format} field of {@code bundle.json}. */
    public static final String FORMAT = "dlkit-model-bundle";
    /** The version of the file layout this class writes and reads. */
    public static final int FORMAT_VERSION = 1;

    static final String METADATA_ENTRY = "bundle.json";
    static final String NETWORK_ENTRY = "network.zip";
    static final String ONNX_ENTRY = "model.onnx";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The model inside: a DL4J network or an ONNX model. */
    private final Inside model;
    private final FittedPreprocessor preprocessor;
    private final String name;
    private final String version;
    private final String description;
    private final Instant created;
    private final Map<String, Double> metrics;

    private ModelBundle(Inside model, FittedPreprocessor preprocessor, String name, String version,
                        String description, Instant created, Map<String, Double> metrics) {
        this.model = model;
        this.preprocessor = preprocessor;
        this.name = name;
        this.version = version;
        this.description = description;
        this.created = created;
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** Starts a bundle of a trained network and the preprocessor fitted on its training rows. */
    public static Builder of(MultiLayerNetwork network, FittedPreprocessor preprocessor) {
        return new Builder(network, preprocessor);
    }

    /** Starts a bundle of a trained single-output graph and the preprocessor fitted on its training rows. */
    public static Builder of(ComputationGraph network, FittedPreprocessor preprocessor) {
        return new Builder(network, preprocessor);
    }

    /**
     * Starts a bundle of an ONNX model (trained elsewhere, e.g. in PyTorch) and the preprocessor that makes the
     * features it was trained on: ONNX carries the computation, the bundle adds the scaling, the categories and the
     * class names, so the model takes raw rows and can be served like any bundle.
     */
    public static Builder of(OnnxModel model, FittedPreprocessor preprocessor) {
        return new Builder(model, preprocessor);
    }

    /**
     * What a bundle needs of the model inside it, whichever kind it is: outputs for features, its file in the
     * bundle, and a description.
     */
    private sealed interface Inside {
        INDArray predict(INDArray features);

        /** The zip entry that holds it. */
        String entry();

        byte[] bytes() throws IOException;

        /** Adds what {@code bundle.json} says of the model. */
        void describe(ObjectNode json);

        String brief();
    }

    /** A DL4J network; calls take turns on it, since DL4J networks are not safe from several threads. */
    private record Dl4j(Model network) implements Inside {
        @Override
        public INDArray predict(INDArray features) {
            synchronized (network) {
                return network instanceof MultiLayerNetwork mln ? mln.output(features, false)
                        : ((ComputationGraph) network).outputSingle(false, features);
            }
        }

        @Override
        public String entry() {
            return NETWORK_ENTRY;
        }

        @Override
        public byte[] bytes() throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            synchronized (network) {
                ModelSerializer.writeModel(network, buffer, false);
            }
            return buffer.toByteArray();
        }

        @Override
        public void describe(ObjectNode json) {
            json.put("network", network.getClass().getSimpleName());
            json.put("parameters", network.numParams());
        }

        @Override
        public String brief() {
            return network.getClass().getSimpleName() + " with " + String.format("%,d", network.numParams()) + " parameters";
        }
    }

    /** An ONNX model (thread-safe itself). */
    private record Onnx(OnnxModel onnx) implements Inside {
        @Override
        public INDArray predict(INDArray features) {
            return onnx.predict(features);
        }

        @Override
        public String entry() {
            return ONNX_ENTRY;
        }

        @Override
        public byte[] bytes() {
            return onnx.bytes();
        }

        @Override
        public void describe(ObjectNode json) {
            json.put("network", "ONNX");
            ObjectNode model = json.putObject("onnx");
            onnx.metadata().forEach(model::put);
        }

        @Override
        public String brief() {
            return "ONNX model " + onnx.input() + " -> " + onnx.output();
        }
    }

    /** Names, version, description and metrics of a bundle before it is built. */
    public static final class Builder {
        private final Inside model;
        private final FittedPreprocessor preprocessor;
        private String name = "model";
        private String version = "1";
        private String description = "";
        private final Map<String, Double> metrics = new LinkedHashMap<>();

        private Builder(Model network, FittedPreprocessor preprocessor) {
            if (network == null || preprocessor == null) {
                throw new IllegalArgumentException("ModelBundle.of(network, preprocessor): got " + (network == null
                        ? "no network" : "no preprocessor") + "; pass the trained network and the FittedPreprocessor "
                        + "from Preprocessor...fit(train)");
            }
            long inputs = network instanceof MultiLayerNetwork mln ? mln.layerInputSize(0)
                    : ((ComputationGraph) network).layerInputSize(0);
            if (inputs > 0 && inputs != preprocessor.numInputs()) {
                throw new IllegalArgumentException("ModelBundle.of: the network takes " + inputs + " inputs but the "
                        + "preprocessor makes " + preprocessor.numInputs() + " " + preprocessor.featureNames()
                        + "; bundle the preprocessor the network was trained with");
            }
            this.model = new Dl4j(network);
            this.preprocessor = preprocessor;
        }

        private Builder(OnnxModel onnx, FittedPreprocessor preprocessor) {
            if (onnx == null || preprocessor == null) {
                throw new IllegalArgumentException("ModelBundle.of(model, preprocessor): got " + (onnx == null
                        ? "no model" : "no preprocessor") + "; pass the ONNX model and the FittedPreprocessor that makes "
                        + "the features it was trained on");
            }
            long[] in = onnx.inputShape();
            long[] out = onnx.outputShape();
            if (in.length != 2 || (in[1] > 0 && in[1] != preprocessor.numInputs())) {
                throw new IllegalArgumentException("ModelBundle.of: the ONNX model's input '" + onnx.input() + "' has shape "
                        + java.util.Arrays.toString(in) + ", but the preprocessor makes rows of " + preprocessor.numInputs()
                        + " features " + preprocessor.featureNames() + "; bundle the preprocessing the model was trained with");
            }
            int classes = preprocessor.regression() ? 1 : preprocessor.classes().size();
            if (out.length != 2 || (out[1] > 0 && out[1] != classes && !(classes == 2 && out[1] == 1))) {
                throw new IllegalArgumentException("ModelBundle.of: the ONNX model's output '" + onnx.output() + "' has shape "
                        + java.util.Arrays.toString(out) + ", but the preprocessor's target has " + (preprocessor.regression()
                        ? "one value" : classes + " classes " + preprocessor.classes()) + "; bundle the preprocessing the "
                        + "model was trained with");
            }
            this.model = new Onnx(onnx);
            this.preprocessor = preprocessor;
        }

        /** A short name, e.g. "penguin-species" (default "model"). */
        public Builder name(String name) {
            this.name = nonBlank(name, "name");
            return this;
        }

        /** A version, e.g. "1.2" (default "1"). */
        public Builder version(String version) {
            this.version = nonBlank(version, "version");
            return this;
        }

        /** A sentence on what the model predicts and from what. */
        public Builder description(String description) {
            this.description = description == null ? "" : description;
            return this;
        }

        /** A measured quality, e.g. {@code metric("test_accuracy", 0.97)}; shown in the metadata. */
        public Builder metric(String name, double value) {
            this.metrics.put(nonBlank(name, "metric name"), value);
            return this;
        }

        public ModelBundle build() {
            return new ModelBundle(model, preprocessor, name, version, description,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), metrics);
        }

        private static String nonBlank(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("ModelBundle: the " + what + " is empty; give a few characters, "
                        + "e.g. \"penguin-species\"");
            }
            return value.strip();
        }
    }

    /**
     * Predictions for raw rows, each a map from input column to value. See {@link FittedPreprocessor#features(List)}.
     *
     * @throws InvalidInputException for rows the preprocessor refuses, and for rows whose values lie so far outside
     *                               the training data that the network's output is NaN or infinite
     */
    public List<Prediction> predict(List<? extends Map<String, ?>> rows) {
        return predictions(preprocessor.features(rows));
    }

    /** The prediction for one raw row. */
    public Prediction predict(Map<String, ?> row) {
        return predict(List.of(row)).get(0);
    }

    /** Predictions for the rows of a table with the input columns (a target column may be there too). */
    public List<Prediction> predict(Table table) {
        return predictions(preprocessor.features(table));
    }

    private List<Prediction> predictions(INDArray features) {
        INDArray output = model.predict(features);
        double[][] rows = output.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        checkFinite(rows, features);
        List<Prediction> out = new ArrayList<>(rows.length);
        List<String> classes = preprocessor.classes();
        for (double[] row : rows) {
            if (preprocessor.regression()) {
                out.add(new Prediction(null, preprocessor.unscaleTarget(new double[]{row[0]})[0], Map.of()));
                continue;
            }
            double[] p = row.length == 1 && classes.size() == 2 ? new double[]{1 - row[0], row[0]} : row;
            Map<String, Double> probabilities = new LinkedHashMap<>();
            int best = 0;
            for (int c = 0; c < p.length; c++) {
                probabilities.put(classes.get(c), p[c]);
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            out.add(new Prediction(classes.get(best), p[best], probabilities));
        }
        return out;
    }

    /**
     * Refuses outputs that are NaN or infinite: the network's 32-bit numbers overflowed on inputs far outside
     * anything it was trained on, and such a prediction means nothing.
     */
    private void checkFinite(double[][] outputs, INDArray features) {
        for (int r = 0; r < outputs.length; r++) {
            for (double v : outputs[r]) {
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException("row " + r + ": the network's output is " + v + ", because the "
                            + "inputs lie far outside the training data" + farthest(features, r) + "; send values like "
                            + "the training data's");
                }
            }
        }
    }

    /** The number input of {@code row} farthest from the training data, e.g. ": column 'x' is 2.1e+38 ...". */
    private String farthest(INDArray features, int row) {
        String column = null;
        double most = 0;
        int offset = 0;
        for (FittedPreprocessor.Input input : preprocessor.inputs()) {
            if (input.oneHot()) {
                offset += input.categories().size();
                continue;
            }
            double scaled = features.getDouble(row, offset++);
            if (column == null || Math.abs(scaled) > Math.abs(most)) {
                column = input.column();
                most = scaled;
            }
        }
        return column == null ? "" : ": column '" + column + "' is " + String.format(java.util.Locale.ROOT, "%.3g",
                most) + (preprocessor.standardized() ? " standard deviations from its training mean" : " once scaled");
    }

    /**
     * The network; not safe to use from several threads at once (use {@link #predict} for that).
     *
     * @throws IllegalStateException for a bundle of an ONNX model (see {@link #onnx()})
     */
    public Model network() {
        if (model instanceof Dl4j dl4j) {
            return dl4j.network();
        }
        throw new IllegalStateException("The bundle '" + name + "' holds an ONNX model, not a DL4J network; use "
                + "bundle.onnx(), or bundle.predict(rows)");
    }

    /** The ONNX model of a bundle made with {@link #of(OnnxModel, FittedPreprocessor)}, else null. */
    public OnnxModel onnx() {
        return model instanceof Onnx onnx ? onnx.onnx() : null;
    }

    public FittedPreprocessor preprocessor() {
        return preprocessor;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    public Instant created() {
        return created;
    }

    public Map<String, Double> metrics() {
        return metrics;
    }

    /** The raw input columns a row must have, in order. */
    public List<String> inputs() {
        return preprocessor.inputs().stream().map(FittedPreprocessor.Input::column).toList();
    }

    /** The class names, or an empty list for a regression. */
    public List<String> labels() {
        return preprocessor.regression() ? List.of() : preprocessor.classes();
    }

    /**
     * Everything but the weights, as JSON: format, name, version, description, creation time, network type
     * and parameter count, metrics, and the preprocessing (target, task, inputs with their types and
     * categories, classes). This is what {@code bundle.json} holds and what a model server shows at
     * {@code GET /metadata}.
     */
    public ObjectNode metadata() {
        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT);
        json.put("formatVersion", FORMAT_VERSION);
        json.put("name", name);
        json.put("version", version);
        json.put("description", description);
        json.put("created", created.toString());
        model.describe(json);
        ObjectNode metricsJson = json.putObject("metrics");
        metrics.forEach(metricsJson::put);
        json.set("preprocessor", preprocessor.toJson());
        return json;
    }

    /**
     * Saves the bundle to {@code file} atomically: a reader sees the old file or the new one, never a part.
     * The optimizer's state is not saved: a loaded bundle is for predicting (train on with a fresh updater).
     */
    public void save(Path file) {
        byte[] metadataBytes;
        byte[] networkBytes;
        try {
            metadataBytes = JSON.writeValueAsBytes(metadata());
            networkBytes = model.bytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serialise model bundle '" + name + "': " + e.getMessage(), e);
        }
        AtomicFile.write(file, "model bundle '" + name + "'", out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
            zip.write(metadataBytes);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(model.entry()));
            zip.write(networkBytes);
            zip.closeEntry();
            zip.finish();
        });
    }

    /**
     * Loads a bundle written by {@link #save}.
     *
     * @throws IllegalArgumentException when the file is missing, truncated or damaged, not a zip, a zip that is
     *                                  not a model bundle (e.g. a plain DL4J model), or from a newer format;
     *                                  the message says which and what to do
     */
    public static ModelBundle load(Path file) {
        Path path = file.toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("No model bundle at " + path + (Files.isDirectory(path)
                    ? " (that is a folder)" : "") + "; check the path, or save one first with bundle.save(path)");
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ZipEntry metadataEntry = zip.getEntry(METADATA_ENTRY);
            ZipEntry onnxEntry = zip.getEntry(ONNX_ENTRY);
            ZipEntry networkEntry = onnxEntry != null ? onnxEntry : zip.getEntry(NETWORK_ENTRY);
            if (metadataEntry == null || networkEntry == null) {
                List<String> entries = new ArrayList<>();
                zip.stream().limit(8).forEach(e -> entries.add(e.getName()));
                boolean dl4j = zip.getEntry("configuration.json") != null;
                throw new IllegalArgumentException(path + " is a zip file but not a model bundle: it holds " + entries
                        + (dl4j ? "; it is a plain DL4J model, which loads with ModelSerializer.restoreMultiLayerNetwork"
                        + "(file), or becomes a bundle with ModelBundle.of(network, preprocessor)...save(path)"
                        : "; a bundle holds " + METADATA_ENTRY + " and " + NETWORK_ENTRY + " (ModelBundle.save writes them)"));
            }
            JsonNode metadata = readMetadata(zip, metadataEntry, path);
            FittedPreprocessor preprocessor = FittedPreprocessor.fromJson(metadata.get("preprocessor"));
            byte[] networkBytes;
            try (InputStream in = zip.getInputStream(networkEntry)) {
                networkBytes = in.readAllBytes();
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metadata.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
            String name = metadata.path("name").asText("model");
            String version = metadata.path("version").asText("1");
            String description = metadata.path("description").asText("");
            Instant created = Instant.parse(metadata.path("created").asText(Instant.EPOCH.toString()));
            if (onnxEntry != null) {
                return new ModelBundle(new Onnx(OnnxModel.fromBytes(networkBytes, path + "!/" + ONNX_ENTRY)), preprocessor,
                        name, version, description, created, metrics);
            }
            FormerNames.register();
            Model network = "ComputationGraph".equals(metadata.path("network").asText())
                    ? ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(networkBytes), false)
                    : ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(networkBytes), false);
            FastLayers.install(network);
            return new ModelBundle(new Dl4j(network), preprocessor, name, version, description, created, metrics);
        } catch (ZipException | java.io.EOFException e) {
            throw new IllegalArgumentException(path + " is not a readable model bundle: the file is truncated, damaged "
                    + "or not a zip (" + e.getMessage() + "); save the bundle again, or copy the file again in full", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the model bundle " + path + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(path.toString())) {
                throw e;
            }
            throw new IllegalArgumentException(path + " is a damaged model bundle: " + e.getMessage()
                    + "; save the bundle again", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(path + " is a damaged model bundle: its network could not be read ("
                    + e + "); save the bundle again", e);
        }
    }

    private static JsonNode readMetadata(ZipFile zip, ZipEntry entry, Path path) throws IOException {
        JsonNode metadata;
        try (InputStream in = zip.getInputStream(entry)) {
            metadata = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + " is a damaged model bundle: " + METADATA_ENTRY + " is not valid "
                    + "JSON (" + e.getOriginalMessage() + "); save the bundle again", e);
        }
        if (metadata == null || !FORMAT.equals(metadata.path("format").asText())) {
            throw new IllegalArgumentException(path + " is not a model bundle: " + METADATA_ENTRY + " lacks \"format\": \""
                    + FORMAT + "\"");
        }
        int formatVersion = metadata.path("formatVersion").asInt(-1);
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException(path + " is a model bundle of format version " + formatVersion
                    + ", but this library reads version " + FORMAT_VERSION + (formatVersion > FORMAT_VERSION
                    ? "; update the course library" : "; save the bundle again with this library"));
        }
        if (!metadata.has("preprocessor")) {
            throw new IllegalArgumentException(path + " is a damaged model bundle: " + METADATA_ENTRY + " has no "
                    + "\"preprocessor\"; save the bundle again");
        }
        return metadata;
    }

    @Override
    public String toString() {
        return "ModelBundle(" + name + " " + version + ", " + model.brief() + ", inputs " + inputs() + ", "
                + (preprocessor.regression() ? "predicts " + preprocessor.target()
                : "classes " + preprocessor.classes()) + (metrics.isEmpty() ? "" : ", " + metrics) + ")";
    }
}
