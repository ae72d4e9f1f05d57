package dlkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dlkit.data.Datasets;
import dlkit.data.FittedPreprocessor;
import dlkit.data.InvalidInputException;
import dlkit.data.Preprocessor;
import dlkit.data.Tables;
import dlkit.train.FitOptions;
import dlkit.train.Learner;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import tech.tablesaw.api.Table;

/** Saving and loading a network with its preprocessing, and predicting on raw rows. */
class ModelBundleIT {

    static Table test;
    static ModelBundle species;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        species = Bundles.penguinSpecies();
        test = Bundles.penguinTest();
    }

    static MultiLayerNetwork network(int inputs, int outputs, Activation activation, LossFunctions.LossFunction loss) {
        return Bundles.network(inputs, outputs, activation, loss);
    }

    static List<Map<String, Object>> rows(Table table) {
        return Bundles.rows(table);
    }

    @Test
    void aLoadedBundleGivesIdenticalPredictionsOnRawRows() {
        Path file = dir.resolve("models/penguins.zip");
        species.save(file);
        ModelBundle loaded = ModelBundle.load(file);

        List<Prediction> before = species.predict(rows(test));
        List<Prediction> after = loaded.predict(rows(test));
        assertEquals(before, after);
        assertEquals(species.predict(test), after);
        assertEquals(species.metadata(), loaded.metadata());
        assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), loaded.labels());
        assertEquals(List.of("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "island", "sex"),
                loaded.inputs());
        long right = 0;
        for (int r = 0; r < test.rowCount(); r++) {
            Prediction p = after.get(r);
            assertEquals(1.0, p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-5);
            assertEquals(p.value(), p.probabilities().get(p.label()), 0);
            right += p.label().equals(test.stringColumn("species").get(r)) ? 1 : 0;
        }
        assertTrue(right > 0.9 * test.rowCount(), "the bundled classifier is right on " + right + " of " + test.rowCount());
    }

    @Test
    void regressionAndSingleSigmoidBundlesRoundTrip() {
        Table penguins = Tables.dropMissing(Datasets.penguins());
        FittedPreprocessor mass = Preprocessor.target("body_mass_g")
                .features("flipper_length_mm", "species").oneHot("species").standardize().scaleTarget().fit(penguins);
        MultiLayerNetwork regressor = network(mass.numInputs(), 1, Activation.IDENTITY, LossFunctions.LossFunction.MSE);
        Learner.fit(regressor, mass.iterator(penguins, 32, 42), FitOptions.epochs(10).quiet());
        ModelBundle regression = ModelBundle.of(regressor, mass).name("mass").build();
        regression.save(dir.resolve("mass.zip"));
        ModelBundle loadedRegression = ModelBundle.load(dir.resolve("mass.zip"));
        Prediction grams = loadedRegression.predict(Map.of("flipper_length_mm", 200, "species", "Gentoo"));
        assertNull(grams.label());
        assertTrue(grams.value() > 2000 && grams.value() < 7000, "a body mass in grams: " + grams.value());
        assertEquals(regression.predict(penguins), loadedRegression.predict(penguins));
        assertEquals(List.of(), loadedRegression.labels());

        Table twoSpecies = penguins.where(penguins.stringColumn("species").isNotEqualTo("Chinstrap"));
        FittedPreprocessor gentoo = Preprocessor.target("species").features("flipper_length_mm").standardize()
                .positiveClass("Gentoo").fit(twoSpecies);
        MultiLayerNetwork binary = network(1, 1, Activation.SIGMOID, LossFunctions.LossFunction.XENT);
        Learner.fit(binary, gentoo.iterator(twoSpecies, 32, 42), FitOptions.epochs(10).quiet());
        ModelBundle isGentoo = ModelBundle.of(binary, gentoo).build();
        isGentoo.save(dir.resolve("gentoo.zip"));
        Prediction big = ModelBundle.load(dir.resolve("gentoo.zip")).predict(Map.of("flipper_length_mm", 230));
        assertEquals("Gentoo", big.label());
        assertEquals(List.of("Adelie", "Gentoo"), List.copyOf(big.probabilities().keySet()));
        assertEquals(1.0, big.probabilities().get("Adelie") + big.value(), 1e-6);
    }

    @Test
    void savingReplacesTheOldFileAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("penguins.zip");
        Files.writeString(file, "an older file");
        species.save(file);
        species.save(file);
        assertEquals(List.of(file), Files.list(dir).toList());
        assertEquals(species.predict(test), ModelBundle.load(file).predict(test));
    }

    @Test
    void aFailedSaveLeavesTheOldFileAsItWas() throws IOException {
        Path blocked = dir.resolve("not-a-folder");
        Files.writeString(blocked, "x");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> species.save(blocked.resolve("m.zip")));
        assertTrue(e.getMessage().contains("Could not save model bundle 'penguin-species'"), e.getMessage());
        assertEquals("x", Files.readString(blocked));
    }

    @Test
    void badRowsGetTheMessageOfTheBundlesPreprocessor() {
        Map<String, Object> row = new HashMap<>(rows(test).get(0));
        row.put("island", "Atlantis");
        var e = assertThrows(InvalidInputException.class, () -> species.predict(row));
        assertTrue(e.getMessage().contains("'Atlantis'") && e.getMessage().contains("[Biscoe, Dream, Torgersen]"),
                e.getMessage());
    }

    @Test
    void truncatedForeignAndPlainDl4jFilesAreRefusedClearly() throws IOException {
        Path good = dir.resolve("good.zip");
        species.save(good);
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertLoadFails(truncated, "truncated, damaged or not a zip");

        Path text = dir.resolve("notes.zip");
        Files.writeString(text, "hello", StandardCharsets.UTF_8);
        assertLoadFails(text, "truncated, damaged or not a zip");

        Path plain = dir.resolve("plain.zip");
        ModelSerializer.writeModel(species.network(), plain.toFile(), false);
        assertLoadFails(plain, "not a model bundle", "plain DL4J model", "ModelSerializer.restoreMultiLayerNetwork");

        assertLoadFails(dir.resolve("missing.zip"), "No model bundle at", "save one first");
        assertLoadFails(dir, "that is a folder");

        Path newer = dir.resolve("newer.zip");
        zip(newer, "{\"format\": \"dlkit-model-bundle\", \"formatVersion\": 9, \"preprocessor\": {}}");
        assertLoadFails(newer, "format version 9", "update the course library");

        Path badJson = dir.resolve("bad-json.zip");
        zip(badJson, "{\"format\": ");
        assertLoadFails(badJson, "damaged model bundle", "not valid JSON");

        Path noPreprocessing = dir.resolve("no-prep.zip");
        zip(noPreprocessing, "{\"format\": \"dlkit-model-bundle\", \"formatVersion\": 1, \"preprocessor\": {\"target\": 3}}");
        assertLoadFails(noPreprocessing, "damaged model bundle", "'target'");
    }

    @Test
    void aNetworkAndPreprocessorThatDoNotFitAreRefused() {
        MultiLayerNetwork wrong = network(3, 3, Activation.SOFTMAX, LossFunctions.LossFunction.MCXENT);
        var e = assertThrows(IllegalArgumentException.class,
                () -> ModelBundle.of(wrong, species.preprocessor()));
        assertTrue(e.getMessage().contains("takes 3 inputs but the preprocessor makes 9"), e.getMessage());
    }

    private static void zip(Path file, String metadata) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(ModelBundle.METADATA_ENTRY));
            zip.write(metadata.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(ModelBundle.NETWORK_ENTRY));
            zip.write(new byte[]{1, 2, 3});
            zip.closeEntry();
        }
    }

    private static void assertLoadFails(Path file, String... parts) {
        var e = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(file));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message lacks '" + part + "': " + e.getMessage());
        }
    }
}
