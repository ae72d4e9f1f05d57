package dlkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dlkit.data.Preprocessor;
import dlkit.data.Tables;
import dlkit.data.Datasets;
import dlkit.interop.OnnxModel;

/** A bundle of an ONNX model and the preprocessing it was trained with: raw rows in, PyTorch's predictions out. */
class OnnxBundleIT {

    @TempDir
    Path dir;

    @Test
    void rawRowsGetPyTorchsProbabilities() throws Exception {
        JsonNode reference = new ObjectMapper().readTree(Path.of("data/models/onnx/penguins-mlp.json").toFile());
        assertEquals(reference.path("features").toString(), new ObjectMapper().writeValueAsString(
                Bundles.onnxPreprocessor().featureNames()), "the same features in the same order");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode r : reference.path("rows")) {
            rows.add(new ObjectMapper().convertValue(r.path("row"), Map.class));
        }
        ModelBundle bundle = Bundles.penguinOnnx();
        List<Prediction> predictions = bundle.predict(rows);
        List<String> classes = List.of("Adelie", "Chinstrap", "Gentoo");
        double largest = 0;
        for (int i = 0; i < rows.size(); i++) {
            JsonNode expected = reference.path("rows").get(i).path("probabilities");
            for (int c = 0; c < 3; c++) {
                largest = Math.max(largest, Math.abs(expected.get(c).asDouble()
                        - predictions.get(i).probabilities().get(classes.get(c))));
            }
        }
        assertTrue(largest < 1e-5, "largest difference from PyTorch on raw rows: " + largest);
        assertEquals(66, rows.size());
    }

    @Test
    void savedAndLoadedItPredictsTheSame() throws Exception {
        ModelBundle bundle = Bundles.penguinOnnx();
        Path file = dir.resolve("penguins-onnx.zip");
        bundle.save(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertTrue(zip.getEntry("model.onnx") != null && zip.getEntry("network.zip") == null);
        }
        ModelBundle loaded = ModelBundle.load(file);
        List<Map<String, Object>> rows = Bundles.rows(Tables.dropMissing(Datasets.penguins()).first(20));
        assertEquals(bundle.predict(rows), loaded.predict(rows));
        assertEquals("ONNX", loaded.metadata().path("network").asText());
        assertTrue(loaded.metadata().path("onnx").path("producer").asText().contains("pytorch"), loaded.metadata().toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, loaded::network);
        assertTrue(e.getMessage().contains("holds an ONNX model"), e.getMessage());
        assertTrue(loaded.toString().contains("ONNX model features -> probabilities"), loaded.toString());
    }

    @Test
    void theWrongPreprocessingIsRefused() {
        var withoutSex = Preprocessor.target("species")
                .features("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "island")
                .oneHot("island").standardize().fit(Tables.dropMissing(Datasets.penguins()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelBundle.of(
                OnnxModel.load(Path.of("data/models/onnx/penguins-mlp.onnx")), withoutSex));
        assertTrue(e.getMessage().contains("has shape [-1, 9], but the preprocessor makes rows of 7 features"), e.getMessage());
    }
}
