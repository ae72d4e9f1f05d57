package dlkit.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The PyTorch model exported to ONNX (data/models/onnx, made by environment/onnx_model.py) run from Java. */
class OnnxModelIT {

    static final Path MODEL = Path.of("data/models/onnx/penguins-mlp.onnx");

    @TempDir
    Path dir;

    @Test
    void predictsWhatPyTorchPredicted() {
        INDArray inputs = KerasModelsIT.npy(Path.of("data/models/onnx/penguins-mlp-inputs.npy"));
        INDArray expected = KerasModelsIT.npy(Path.of("data/models/onnx/penguins-mlp-predictions.npy"));
        try (OnnxModel model = OnnxModel.load(MODEL)) {
            assertEquals("features", model.input());
            assertEquals("probabilities", model.output());
            assertArrayEquals(new long[]{-1, 9}, model.inputShape());
            INDArray output = model.predict(inputs);
            assertArrayEquals(expected.shape(), output.shape());
            double difference = output.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
            assertTrue(difference < 1e-5, "largest difference from PyTorch " + difference);
            assertTrue(model.metadata().get("producer").contains("pytorch"), model.metadata().toString());
            assertEquals(List.of(1L, 3L), List.of(model.predict(inputs.getRow(0, true)).shape()[0],
                    model.predict(inputs.getRow(0, true)).shape()[1]));
        }
    }

    @Test
    void severalThreadsGetTheSameAnswers() throws Exception {
        INDArray inputs = KerasModelsIT.npy(Path.of("data/models/onnx/penguins-mlp-inputs.npy"));
        try (OnnxModel model = OnnxModel.load(MODEL)) {
            INDArray expected = model.predict(inputs);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<INDArray>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(pool.submit(() -> model.predict(inputs)));
            }
            for (Future<INDArray> answer : answers) {
                assertEquals(expected, answer.get());
            }
            pool.shutdown();
        }
    }

    @Test
    void dataOfTheWrongShapeIsRefused() {
        try (OnnxModel model = OnnxModel.load(MODEL)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.predict(Nd4j.zeros(DataType.FLOAT, 4, 8)));
            assertEquals("The model's input 'features' takes arrays of shape [batch, 9], but the data is [4, 8]; give each "
                    + "example the model's number of features, in the order it was trained with", e.getMessage());
        }
    }

    @Test
    void otherFilesAreRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("model.onnx"), "not a model");
        IllegalArgumentException notOnnx = assertThrows(IllegalArgumentException.class, () -> OnnxModel.load(text));
        assertTrue(notOnnx.getMessage().contains("is not an ONNX model ONNX Runtime can run"), notOnnx.getMessage());
        IllegalArgumentException zip = assertThrows(IllegalArgumentException.class,
                () -> OnnxModel.load(Path.of("src/test/resources/keras/penguins-dense.keras")));
        assertTrue(zip.getMessage().contains("is a zip file, not an ONNX model"), zip.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> OnnxModel.load(dir.resolve("none.onnx")));
        assertTrue(missing.getMessage().startsWith("No ONNX model at"), missing.getMessage());
    }
}
