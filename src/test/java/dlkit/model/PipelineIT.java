package dlkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dlkit.data.Datasets;
import dlkit.data.FittedPreprocessor;
import dlkit.data.Preprocessor;
import dlkit.data.Tables;
import dlkit.train.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import tech.tablesaw.api.Table;

class PipelineIT {

    @TempDir
    Path dir;

    private static Pipeline species() {
        return Pipeline.of("penguin-species", Datasets::penguins)
                .clean(Tables::dropMissing)
                .split(0.7, 0.15)
                .preprocess(Preprocessor.target("species").oneHot("island", "sex").standardize())
                .network(prep -> Bundles.network(prep.numInputs(), prep.numOutputs(), Activation.SOFTMAX,
                        LossFunctions.LossFunction.MCXENT))
                .train(FitOptions.epochs(15).quiet(), 32);
    }

    @Test
    void aRunTakesEveryStepInOrderAndBundlesWhatItTrained() {
        Pipeline.Result result = species().run();

        assertEquals(List.of("load", "clean", "split", "preprocess", "network", "train", "evaluate", "bundle"),
                result.steps().stream().map(Pipeline.Step::name).toList());
        assertEquals(333, result.split().train().rowCount() + result.split().validation().rowCount()
                + result.split().test().rowCount());
        assertTrue(result.classification().accuracy() > 0.9, result.toString());
        assertNull(result.regression());
        assertEquals(result.classification().accuracy(), result.bundle().metrics().get("test_accuracy"));
        assertTrue(result.history().has(dlkit.train.Metric.VAL_LOSS), "the validation rows are the validation set");
        assertTrue(result.toHtml().contains("fitted on the " + result.split().train().rowCount() + " training rows only"));

        result.bundle().save(dir.resolve("species.zip"));
        Table test = result.split().test();
        assertEquals(result.bundle().predict(test), ModelBundle.load(dir.resolve("species.zip")).predict(test));
    }

    @Test
    void scalingIsLearnedFromTheTrainingRowsOnly() {
        Pipeline.Result result = species().run();
        FittedPreprocessor.Input bill = result.preprocessor().inputs().stream()
                .filter(i -> i.column().equals("bill_length_mm")).findFirst().orElseThrow();
        assertEquals(result.split().train().numberColumn("bill_length_mm").mean(), bill.center(), 1e-9);
        double all = Tables.dropMissing(Datasets.penguins()).numberColumn("bill_length_mm").mean();
        assertTrue(Math.abs(all - bill.center()) > 1e-6, "the whole table's mean differs from the training rows'");
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        assertEquals(species().run().network().params(), species().run().network().params());
    }

    @Test
    void aRegressionIsSplitAtRandomAndMeasuredInTheTargetsUnits() {
        Pipeline.Result result = Pipeline.of("body-mass", Datasets::penguins)
                .clean(Tables::dropMissing)
                .preprocess(Preprocessor.target("body_mass_g").features("flipper_length_mm", "species", "sex")
                        .oneHot("species", "sex").standardize().scaleTarget())
                .network(prep -> Bundles.network(prep.numInputs(), 1, Activation.IDENTITY, LossFunctions.LossFunction.MSE))
                .train(FitOptions.epochs(20).quiet(), 16)
                .run();
        assertTrue(result.regression().r2() > 0.6, result.toString());
        assertTrue(result.regression().rmse() > 100 && result.regression().rmse() < 600, "RMSE in grams: " + result);
        assertTrue(result.steps().get(2).outcome().contains("at random"));
        assertTrue(result.bundle().predict(Map.of("flipper_length_mm", 220, "species", "Gentoo", "sex", "male"))
                .value() > 4000);
    }

    @Test
    void missingStepsAndBadSettingsAreNamed() {
        Pipeline bare = Pipeline.of("x", Datasets::penguins);
        var e = assertThrows(IllegalStateException.class, bare::run);
        assertTrue(e.getMessage().contains("no preprocessing"), e.getMessage());
        e = assertThrows(IllegalStateException.class, bare.preprocess(Preprocessor.target("species"))::run);
        assertTrue(e.getMessage().contains("no network"), e.getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> bare.split(0.9, 0.1));
        assertTrue(bad.getMessage().contains("together below 1"), bad.getMessage());
        var wrongSize = assertThrows(IllegalArgumentException.class, () -> species()
                .network(prep -> Bundles.network(3, 3, Activation.SOFTMAX, LossFunctions.LossFunction.MCXENT)).run());
        assertTrue(wrongSize.getMessage().contains("takes 3 inputs"), wrongSize.getMessage());
    }
}
