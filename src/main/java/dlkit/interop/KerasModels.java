package dlkit.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import dlkit.layers.FastLayers;

/**
 * Keras models in Java: a model saved by Keras 2 (or tf-keras) as one HDF5 file, {@code model.save("model.h5")},
 * becomes a DL4J network with the same layers and weights, which predicts what Keras predicted and trains further
 * with {@code Learner.fit}. A {@code Sequential} model becomes a {@link MultiLayerNetwork}, a functional one a
 * {@link ComputationGraph}.
 *
 * <pre>{@code
 * MultiLayerNetwork net = KerasModels.sequential(Path.of("mnist-cnn.h5"));
 * INDArray probabilities = net.output(images);   // Keras's layout: [examples, 28, 28, 1] for channels_last
 * }</pre>
 *
 * <p>What does not import is refused with what to do instead: a Keras 3 {@code .keras} file, a file of weights
 * only, a layer DL4J has no counterpart for (attention, for one). For those, exporting the model to ONNX and running
 * it with {@link OnnxModel} is the way.
 */
public final class KerasModels {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final String INSTEAD = "export it to ONNX instead (tf2onnx, or torch.onnx for PyTorch) and run it "
            + "with OnnxModel.load(path)";

    private KerasModels() {
    }

    /**
     * Imports a Keras model file: a {@link MultiLayerNetwork} for a {@code Sequential} model, a {@link ComputationGraph}
     * for a functional one.
     *
     * @throws IllegalArgumentException when the file is missing, not a Keras HDF5 model file, or uses what DL4J cannot
     *                                  import; the message says which and what to do
     */
    public static Model load(Path file) {
        Path path = checked(file);
        return "Sequential".equals(className(path)) ? importSequential(path) : importFunctional(path);
    }

    /** Imports a Keras {@code Sequential} model; see {@link #load}. */
    public static MultiLayerNetwork sequential(Path file) {
        Path path = checked(file);
        String kind = className(path);
        if (!"Sequential".equals(kind)) {
            throw new IllegalArgumentException(path + " holds a functional Keras model (" + kind + "), not a Sequential "
                    + "one; import it with KerasModels.functional(path), which gives a ComputationGraph");
        }
        return importSequential(path);
    }

    /** Imports a functional Keras model ({@code keras.Model(inputs, outputs)}) as a computation graph; see {@link #load}. */
    public static ComputationGraph functional(Path file) {
        Path path = checked(file);
        return importFunctional(path);
    }

    private static MultiLayerNetwork importSequential(Path path) {
        MultiLayerNetwork net = imported(path, builder -> builder.buildSequential().getMultiLayerNetwork());
        withoutNoOpDropout(net.getLayerWiseConfigurations().getConfs().stream().map(c -> c.getLayer()).toList());
        FastLayers.install(net);
        return net;
    }

    private static ComputationGraph importFunctional(Path path) {
        ComputationGraph graph = imported(path, builder -> builder.buildModel().getComputationGraph());
        withoutNoOpDropout(java.util.Arrays.stream(graph.getLayers()).map(l -> l.conf().getLayer()).toList());
        FastLayers.install(graph);
        return graph;
    }

    /** Builds a network from DL4J's import of the file. */
    private interface Build<T> {
        T from(KerasModelBuilder builder) throws IOException, InvalidKerasConfigurationException,
                UnsupportedKerasConfigurationException;
    }

    /**
     * The network DL4J's import builds, with its training configuration, or without it when DL4J cannot read that
     * (the network then predicts, but has no loss to train with).
     */
    private static <T> T imported(Path path, Build<T> build) {
        try (KerasModelBuilder builder = builder(path, true)) {
            try {
                return build.from(builder);
            } catch (UnsupportedKerasConfigurationException trainingConfig) {
                try (KerasModelBuilder predictOnly = builder(path, false)) {
                    return build.from(predictOnly);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path + ": " + e.getMessage(), e);
        } catch (InvalidKerasConfigurationException | UnsupportedKerasConfigurationException | RuntimeException e) {
            throw refused(path, e);
        }
    }

    /**
     * DL4J's import of the file, with two corrections for files of recent Keras 2 versions. The model's orthogonal
     * initializers are read as Glorot-uniform ones: the imported weights replace the initial ones anyway, and ND4J
     * 1.0.0-M2.1's orthogonal initialisation of an LSTM's recurrent weights does not finish (Keras's default for
     * recurrent layers). With {@code training}, the training configuration is read too, so that the last layer gets
     * Keras's loss and the network trains further; TensorFlow 2's optimizer entry ("Custom>Adam", "learning_rate",
     * no "decay") is written the way DL4J reads Keras 2's. Without it (a training configuration DL4J cannot read),
     * the network predicts but has no loss.
     */
    private static KerasModelBuilder builder(Path path, boolean training) throws IOException,
            InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        KerasModelBuilder builder = new KerasModel().modelBuilder().modelHdf5Filename(path.toString())
                .enforceTrainingConfig(training);
        builder.modelJson(JSON.writeValueAsString(withoutOrthogonal(JSON.readTree(builder.getModelJson()))));
        if (training && builder.getTrainingJson() != null) {
            JsonNode config = JSON.readTree(builder.getTrainingJson());
            if (config.path("optimizer_config") instanceof ObjectNode optimizer
                    && optimizer.path("config") instanceof ObjectNode settings) {
                optimizer.put("class_name", optimizer.path("class_name").asText().replaceFirst("^Custom>", ""));
                if (!settings.has("lr") && settings.has("learning_rate")) {
                    settings.set("lr", settings.get("learning_rate"));
                }
                if (!settings.hasNonNull("decay")) {
                    settings.put("decay", 0.0);
                }
            }
            builder.trainingJson(JSON.writeValueAsString(config));
        }
        return builder;
    }

    private static JsonNode withoutOrthogonal(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if ("Orthogonal".equals(object.path("class_name").asText())) {
                object.put("class_name", "GlorotUniform");
                object.putObject("config").putNull("seed");
                return object;
            }
            object.fields().forEachRemaining(e -> withoutOrthogonal(e.getValue()));
        } else if (node.isArray()) {
            node.forEach(KerasModels::withoutOrthogonal);
        }
        return node;
    }

    /**
     * Takes off the dropout that keeps every value, which DL4J's import gives each layer of a Keras model without
     * dropout: it changes nothing, but a convolution in Keras's channels-last layout fails in training with it
     * (DL4J 1.0.0-M2.1 applies its backward pass in the other layout).
     */
    private static void withoutNoOpDropout(java.util.List<org.deeplearning4j.nn.conf.layers.Layer> layers) {
        for (var layer : layers) {
            if (layer.getIDropout() instanceof Dropout dropout && dropout.getP() == 1.0 && dropout.getPSchedule() == null) {
                layer.setIDropout(null);
            }
        }
    }

    private static IllegalArgumentException refused(Path path, Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        if (e instanceof UnsupportedKerasConfigurationException || message.contains("Unsupported keras layer")) {
            return new IllegalArgumentException(path + " uses what DL4J's Keras import cannot build: " + firstLine(message)
                    + ". DL4J imports Dense, Conv1D and Conv2D, pooling, SimpleRNN, LSTM, Embedding, "
                    + "BatchNormalization, Dropout, Flatten, Reshape and the like; rebuild the model without that layer, or "
                    + INSTEAD, e);
        }
        return new IllegalArgumentException(path + " could not be imported as a Keras model: " + firstLine(message)
                + "; save it again from Keras 2 / tf-keras with model.save(\"model.h5\"), or " + INSTEAD, e);
    }

    private static String firstLine(String message) {
        int cut = message.indexOf('\n');
        return cut < 0 ? message : message.substring(0, cut);
    }

    /** The file, checked to be an HDF5 file that holds a whole Keras model (architecture and weights). */
    private static Path checked(Path file) {
        Path path = file.toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("No Keras model at " + path + (Files.isDirectory(path)
                    ? " (that is a folder: a TensorFlow SavedModel? save it as one .h5 file with model.save(\"model.h5\"))"
                    : "") + "; check the path");
        }
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(path)) {
            int n = in.readNBytes(head, 0, 8);
            head = Arrays.copyOf(head, n);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path + ": " + e.getMessage(), e);
        }
        if (head.length >= 4 && Arrays.equals(Arrays.copyOf(head, 4), ZIP)) {
            throw new IllegalArgumentException(path + " is a Keras 3 \".keras\" file (a zip), which DL4J cannot read: it "
                    + "reads the HDF5 format of Keras 2. In Python, load the model and save it with tf-keras as "
                    + "model.save(\"model.h5\"), or " + INSTEAD);
        }
        if (!Arrays.equals(head, HDF5)) {
            throw new IllegalArgumentException(path + " is not a Keras model file: it is not HDF5 (a Keras model saved "
                    + "with model.save(\"model.h5\") is); check that this is the .h5 file Keras wrote");
        }
        return path;
    }

    /** The model's class in its {@code model_config} ("Sequential", "Functional", "Model"). */
    private static String className(Path path) {
        try (Hdf5Archive archive = new Hdf5Archive(path.toString())) {
            if (!archive.hasAttribute("model_config")) {
                throw new IllegalArgumentException(path + " holds weights only (saved with save_weights): it has no "
                        + "model_config, so the layers are unknown. Save the whole model with model.save(\"model.h5\"), "
                        + "or build the same network in DL4J and load the weights layer by layer");
            }
            JsonNode config = JSON.readTree(archive.readAttributeAsJson("model_config"));
            return config.path("class_name").asText("unknown");
        } catch (IOException e) {
            throw new IllegalArgumentException(path + " has a model_config that is not JSON (" + e.getMessage()
                    + "); save the model again with model.save(\"model.h5\")", e);
        } catch (UnsupportedKerasConfigurationException e) {
            throw new IllegalArgumentException(path + " could not be read as a Keras model file: " + e.getMessage(), e);
        }
    }
}
