package dlkit.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dlkit.data.DataFolder;

/** The script behind environment/train-base-model, on a few images: a loadable network and a true card. */
class TrainBaseModelIT {

    @Test
    void writesTheNetworkAndACardThatNamesItsChecksum(@TempDir Path dir) throws Exception {
        double accuracy = TrainBaseModel.train(TrainBaseModel.Base.FASHION, 1, 42, 600, dir);
        Path zip = dir.resolve("fashion-cnn.zip");
        MultiLayerNetwork net = PretrainedModels.load(zip);
        assertEquals(431_080, net.numParams());
        String card = Files.readString(dir.resolve("fashion-cnn.md"));
        assertTrue(card.contains(DataFolder.sha256(zip)), card);
        assertTrue(card.contains("trained on 600 training images"), card);
        assertTrue(card.contains("`" + TrainBaseModel.COMMAND + " --epochs 1 --seed 42 --images 600`"), card);
        assertTrue(card.contains(String.format(Locale.ROOT, "Overall accuracy **%.3f**", accuracy)), card);
        assertTrue(accuracy > 0.3, "one epoch on 600 images already beats chance (0.1): " + accuracy);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void theDigitJudgeIsTrainedOnMnist(@TempDir Path dir) throws Exception {
        double accuracy = TrainBaseModel.train(TrainBaseModel.Base.MNIST, 1, 42, 600, dir);
        assertTrue(accuracy > 0.5, "one epoch on 600 digits already beats chance (0.1): " + accuracy);
        String card = Files.readString(dir.resolve("mnist-cnn.md"));
        assertTrue(card.contains("# Model card: mnist-cnn 1.0"), card);
        assertTrue(card.contains("`" + TrainBaseModel.COMMAND + " --dataset mnist --epochs 1 --seed 42 --images 600`"), card);
        assertTrue(card.contains("MNIST (LeCun, Cortes & Burges, CC BY-SA 3.0): trained on 600"), card);
        assertTrue(card.contains(DataFolder.sha256(dir.resolve("mnist-cnn.zip"))), card);
    }

    @Test
    void anUnknownDatasetIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TrainBaseModel.main(new String[]{"--dataset", "digits"}));
        assertEquals("unknown dataset 'digits'; choose --dataset fashion or --dataset mnist", e.getMessage());
    }

    @Test
    void anUnknownOptionIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrainBaseModel.main(new String[]{"--epoch", "3"}));
        assertEquals("unknown option '--epoch'; options: --dataset fashion|mnist, --epochs 3, --seed 42, --images 60000, --out data/models", e.getMessage());
    }
}
