package dlkit.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Keras models shipped in data/models/keras (made by environment/keras_models.py with tf-keras) imported as
 * DL4J networks: the same outputs as Keras on the same inputs, further training, and the files that do not import.
 */
class KerasModelsIT {

    static final Path MODELS = Path.of("data/models/keras");
    private static final Path BAD = Path.of("src/test/resources/keras");

    @TempDir
    Path dir;

    static INDArray npy(Path file) {
        return Nd4j.createFromNpyFile(file.toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"penguins-dense", "mnist-cnn", "reviews-lstm"})
    void theImportedNetworkPredictsWhatKerasPredicted(String name) {
        MultiLayerNetwork net = KerasModels.sequential(MODELS.resolve(name + ".h5"));
        INDArray inputs = npy(MODELS.resolve(name + "-inputs.npy"));
        INDArray expected = npy(MODELS.resolve(name + "-predictions.npy"));
        INDArray output = net.output(inputs);
        assertEquals(expected.shapeInfoToString(), output.shapeInfoToString());
        double difference = output.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(difference < 1e-5, name + ": largest difference from Keras " + difference);
        Model model = KerasModels.load(MODELS.resolve(name + ".h5"));
        assertTrue(model instanceof MultiLayerNetwork);
    }

    @Test
    void theImportedNetworkTrainsFurther() {
        MultiLayerNetwork net = KerasModels.sequential(MODELS.resolve("penguins-dense.h5"));
        INDArray x = npy(MODELS.resolve("penguins-dense-inputs.npy"));
        INDArray labels = npy(MODELS.resolve("penguins-dense-predictions.npy"));
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, labels.rows(), 3);
        INDArray argmax = labels.argMax(1);
        for (int i = 0; i < labels.rows(); i++) {
            oneHot.putScalar(i, (argmax.getInt(i) + 1) % 3, 1);   // other labels, so that the loss must move
        }
        DataSet data = new DataSet(x, oneHot);
        double before = net.score(data);
        for (int i = 0; i < 20; i++) {
            net.fit(data);
        }
        double after = net.score(data);
        assertTrue(after < before, "loss " + before + " -> " + after);
    }

    @Test
    void theImportedCnnTrainsInKerassLayout() {
        MultiLayerNetwork net = KerasModels.sequential(MODELS.resolve("mnist-cnn.h5"));
        INDArray images = npy(MODELS.resolve("mnist-cnn-inputs.npy"));
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 64, 10);
        INDArray guesses = npy(MODELS.resolve("mnist-cnn-predictions.npy")).argMax(1);
        for (int i = 0; i < 64; i++) {
            labels.putScalar(i, (guesses.getInt(i) + 1) % 10, 1);
        }
        DataSet data = new DataSet(images, labels);
        double before = net.score(data);
        for (int i = 0; i < 10; i++) {
            net.fit(data);
        }
        assertTrue(net.score(data) < before, "loss " + before + " -> " + net.score(data));
    }

    @Test
    void aKeras3FileIsRefusedWithWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KerasModels.load(BAD.resolve("penguins-dense.keras")));
        assertTrue(e.getMessage().contains("Keras 3 \".keras\" file") && e.getMessage().contains("model.save(\"model.h5\")")
                && e.getMessage().contains("OnnxModel"), e.getMessage());
    }

    @Test
    void aWeightsOnlyFileIsRefusedWithWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KerasModels.load(BAD.resolve("penguins-dense.weights.h5")));
        assertTrue(e.getMessage().contains("weights only") && e.getMessage().contains("model.save"), e.getMessage());
    }

    @Test
    void anUnsupportedLayerIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KerasModels.load(BAD.resolve("attention.h5")));
        assertTrue(e.getMessage().contains("MultiHeadAttention") && e.getMessage().contains("ONNX"), e.getMessage());
    }

    @Test
    void otherFilesAreRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("model.h5"), "not a model");
        IllegalArgumentException notHdf5 = assertThrows(IllegalArgumentException.class, () -> KerasModels.load(text));
        assertTrue(notHdf5.getMessage().contains("not HDF5"), notHdf5.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> KerasModels.load(dir.resolve("none.h5")));
        assertTrue(missing.getMessage().startsWith("No Keras model at"), missing.getMessage());
        IllegalArgumentException folder = assertThrows(IllegalArgumentException.class, () -> KerasModels.load(dir));
        assertTrue(folder.getMessage().contains("SavedModel"), folder.getMessage());
    }
}
