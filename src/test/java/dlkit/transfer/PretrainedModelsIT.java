package dlkit.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dlkit.data.DataFolder;
import dlkit.data.Datasets;
import dlkit.eval.Predictions;

/** The shipped base network: it loads, has the documented architecture, and classifies clothes. */
class PretrainedModelsIT {

    @Test
    void theShippedFashionCnnClassifiesClothes() {
        MultiLayerNetwork net = PretrainedModels.fashionCnn();
        MultiLayerNetwork fresh = new MultiLayerNetwork(PretrainedModels.fashionCnnConfiguration(1));
        fresh.init();
        assertEquals(fresh.numParams(), net.numParams());
        assertEquals(6, net.getLayers().length);
        assertEquals("pool2", net.getLayer(PretrainedModels.FASHION_CNN_LAST_FEATURE_LAYER).conf().getLayer().getLayerName());
        var test = Datasets.fashionMnist().test().first(1_000);
        Predictions predictions = Predictions.of(net, test.iterator(500), test.classes());
        assertTrue(predictions.accuracy() > 0.85, "accuracy " + predictions.accuracy());
        assertArrayEquals(new long[]{1_000, 10}, net.output(test.features()).shape());
    }

    @Test
    void theShippedMnistCnnReadsDigits() throws IOException {
        MultiLayerNetwork net = PretrainedModels.mnistCnn();
        assertEquals(431_080, net.numParams());
        var test = Datasets.mnist().test().first(1_000);
        Predictions predictions = Predictions.of(net, test.iterator(500), test.classes());
        assertTrue(predictions.accuracy() > 0.97, "accuracy " + predictions.accuracy());
        String card = Files.readString(Datasets.path(PretrainedModels.MNIST_CNN_CARD));
        assertTrue(card.contains(TrainBaseModel.COMMAND + " --dataset mnist"), card);
        assertTrue(card.contains(DataFolder.sha256(Datasets.path(PretrainedModels.MNIST_CNN))), card);
    }

    @Test
    void theModelCardShipsBesideIt() throws IOException {
        String card = Files.readString(Datasets.path(PretrainedModels.FASHION_CNN_CARD));
        assertTrue(card.contains(TrainBaseModel.COMMAND), card);
        String sha = DataFolder.sha256(Datasets.path(PretrainedModels.FASHION_CNN));
        assertTrue(card.contains(sha), "the card names the checksum of the shipped network, " + sha);
    }

    @Test
    void aForeignFileGivesAClearError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("fashion-cnn.zip"), "not a network");
        var e = assertThrows(UncheckedIOException.class, () -> PretrainedModels.load(file));
        assertTrue(e.getMessage().contains("Could not load the network in " + file), e.getMessage());
        assertTrue(e.getMessage().contains("environment/train-base-model"), e.getMessage());
        Path digits = Files.writeString(dir.resolve("mnist-cnn.zip"), "not a network");
        var m = assertThrows(UncheckedIOException.class, () -> PretrainedModels.load(digits));
        assertTrue(m.getMessage().contains("'git checkout -- data/models/mnist-cnn.zip' or retrain it with "
                + "environment/train-base-model --dataset mnist"), m.getMessage());
    }
}
