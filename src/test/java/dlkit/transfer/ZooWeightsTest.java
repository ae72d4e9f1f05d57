package dlkit.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.VGG16;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dlkit.transfer.ZooWeights.Download;
import dlkit.transfer.ZooWeights.WeightsNotAvailableException;

/** Zoo weights: found in the cache, never downloaded unless asked, clear messages when missing. */
class ZooWeightsTest {

    @TempDir
    Path cache;
    String downloadUrl;
    final ZooModel<?> vgg16 = VGG16.builder().build();

    @BeforeEach
    void useTemporaryCache() {
        downloadUrl = DL4JResources.getBaseDownloadURL();
        DL4JResources.setBaseDirectory(cache.toFile());
    }

    @AfterEach
    void restore() {
        DL4JResources.resetBaseDirectoryLocation();
        DL4JResources.setBaseDownloadURL(downloadUrl);
    }

    @Test
    void theCachedFileIsWhereDl4jKeepsIt() {
        File file = ZooWeights.cachedFile(vgg16, PretrainedType.IMAGENET);
        assertEquals(cache.resolve("models").resolve("vgg16").resolve("vgg16_dl4j_inference.zip").toFile(), file);
        assertFalse(ZooWeights.isCached(vgg16, PretrainedType.IMAGENET));
    }

    @Test
    void missingWeightsAreNotDownloadedAndTheMessageSaysWhatToDo() {
        var e = assertThrows(WeightsNotAvailableException.class,
                () -> ZooWeights.load(vgg16, PretrainedType.IMAGENET, Download.NEVER));
        assertTrue(e.getMessage().startsWith("vgg16's IMAGENET weights are not on this machine"), e.getMessage());
        assertTrue(e.getMessage().contains(ZooWeights.url(vgg16, PretrainedType.IMAGENET)), e.getMessage());
        assertTrue(e.getMessage().contains("Download.IF_MISSING"), e.getMessage());
        assertTrue(e.getMessage().contains("PretrainedModels.fashionCnn()"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("models")), "nothing was written to the cache");
    }

    @Test
    void aWeightTypeTheModelLacksNamesTheOnesItHas() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ZooWeights.load(vgg16, PretrainedType.MNIST, Download.NEVER));
        assertEquals("vgg16 has no pretrained MNIST weights; it has: IMAGENET, CIFAR10, VGGFACE", e.getMessage());
    }

    @Test
    void aFailedDownloadSaysWhereFrom() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DL4JResources.setBaseDownloadURL("http://127.0.0.1:" + closedPort + "/");
        var e = assertThrows(WeightsNotAvailableException.class,
                () -> ZooWeights.load(vgg16, PretrainedType.IMAGENET, Download.IF_MISSING));
        assertTrue(e.getMessage().startsWith("Could not download vgg16's IMAGENET weights from http://127.0.0.1:"
                + closedPort + "/models/vgg16_dl4j_inference.zip"), e.getMessage());
        assertTrue(e.getMessage().contains("Check the internet connection"), e.getMessage());
    }

    @Test
    void aCorruptCachedFileIsReportedNotLoaded() throws IOException {
        File file = ZooWeights.cachedFile(vgg16, PretrainedType.IMAGENET);
        Files.createDirectories(file.getParentFile().toPath());
        Files.writeString(file.toPath(), "not a model");
        assertTrue(ZooWeights.isCached(vgg16, PretrainedType.IMAGENET));
        var e = assertThrows(WeightsNotAvailableException.class,
                () -> ZooWeights.load(vgg16, PretrainedType.IMAGENET, Download.NEVER));
        assertTrue(e.getMessage().startsWith("Could not load vgg16's IMAGENET weights from " + file), e.getMessage());
    }
}
