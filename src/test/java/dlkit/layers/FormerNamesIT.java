package dlkit.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipFile;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A checkpoint saved while the GRU and attention pooling lived in dlkit.model loads and predicts as it did. */
class FormerNamesIT {

    private static final Path SAVED = Path.of("src/test/resources/legacy/gru-attention-checkpoint.zip");

    @Test
    void aCheckpointSavedUnderTheFormerNamesLoadsAndPredictsAsBefore() throws Exception {
        try (ZipFile zip = new ZipFile(SAVED.toFile()); InputStream in = zip.getInputStream(zip.getEntry("configuration.json"))) {
            String json = new String(in.readAllBytes());
            assertTrue(json.contains("\"dlkit.model.Gru\"") && json.contains("\"dlkit.model.AttentionPooling\""),
                    "the file names the former classes");
        }
        FormerNames.register();
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(SAVED.toFile(), true);
        assertInstanceOf(Gru.class, net.getLayerWiseConfigurations().getConf(0).getLayer());
        assertInstanceOf(AttentionPooling.class, net.getLayerWiseConfigurations().getConf(1).getLayer());

        INDArray x = Nd4j.linspace(-1, 1, 30, DataType.FLOAT).reshape(2, 3, 5);
        String saved = Files.readString(SAVED.resolveSibling("gru-attention-checkpoint.txt")).strip();
        float[] expected = parse(saved);
        assertArrayEquals(expected, net.output(x).data().asFloat(), 1e-5f, "the outputs written when it was saved");
        net.fit(x, Nd4j.create(new float[][]{{1, 0}, {0, 1}}));   // the updater state came back too: training goes on
    }

    private static float[] parse(String list) {
        String[] parts = list.substring(1, list.length() - 1).split(",\\s*");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i]);
        }
        return values;
    }

    @Test
    void registeringTwiceChangesNothing() {
        FormerNames.register();
        FormerNames.register();
        assertTrue(Arrays.asList(FormerNames.MOVED.values().toArray()).contains(Gru.class));
    }
}
