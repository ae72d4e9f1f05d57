package dlkit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

class FastAdamIT {

    @Test
    void updatesAsLibnd4jsAdamDoesStepAfterStep() {
        // A gradient that is a view inside a larger array (a network with several updater blocks hands those).
        for (long offset : new long[] {0, 37}) {
            INDArray[] ownState = {Nd4j.zeros(DataType.FLOAT, 1, 2000)};
            INDArray[] fastState = {Nd4j.zeros(DataType.FLOAT, 1, 2000)};
            AdamUpdater own = new AdamUpdater(new Adam(3e-3));
            own.setStateViewArray(ownState[0], new long[] {1, 1000}, 'c', true);
            AdamUpdater wrapped = new AdamUpdater(new Adam(3e-3));
            wrapped.setStateViewArray(fastState[0], new long[] {1, 1000}, 'c', true);
            GradientUpdater<Adam> fast = FastAdam.of(wrapped);
            Nd4j.getRandom().setSeed(5);
            for (int iteration = 0; iteration < 30; iteration++) {
                INDArray whole = Nd4j.rand(DataType.DOUBLE, 1, 1100).subi(0.5).castTo(DataType.FLOAT);
                INDArray expected = whole.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + 1000)).dup();
                INDArray actual = whole.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + 1000));
                own.applyUpdater(expected, iteration, 0);
                fast.applyUpdater(actual, iteration, 0);
                assertClose(expected, actual, "update at iteration " + iteration + ", offset " + offset);
            }
            assertClose(ownState[0], fastState[0], "moments after 30 steps");
        }
    }

    @Test
    void aNetworkTrainsWithItFromItsFirstStepAndSavesAsBefore() throws IOException {
        MultiLayerNetwork plain = FastLayersIT.mlp(DataType.FLOAT, false);
        MultiLayerNetwork fast = FastLayersIT.mlp(DataType.FLOAT, false);   // the same seed: the same weights
        FastLayers.install(fast);
        assertNull(fast.getUpdater(false), "no updater before training");
        DataSet data = rows(16);
        for (int step = 0; step < 20; step++) {
            Nd4j.getRandom().setSeed(100 + step);
            plain.fit(data);
            Nd4j.getRandom().setSeed(100 + step);
            fast.fit(data);
        }
        assertEquals(1, fastBlocks(fast), "the updater's Adam block, in place before the first update");
        assertTrue(fast.params().equalsWithEps(plain.params(), 1e-5), "parameters after 20 steps, as with DL4J's Adam");
        assertTrue(fast.getUpdater().getStateViewArray().equalsWithEps(plain.getUpdater().getStateViewArray(), 1e-5),
                "Adam's moments");

        MultiLayerNetwork loaded = reload(fast);
        assertInstanceOf(AdamUpdater.class, ((BaseMultiLayerUpdater<?>) loaded.getUpdater()).getUpdaterBlocks().get(0).getGradientUpdater(),
                "a loaded network has DL4J's own updater");
        assertTrue(loaded.getUpdater().getStateViewArray().equals(fast.getUpdater().getStateViewArray()),
                "the moments are saved");
        FastLayers.install(loaded);
        assertEquals(1, fastBlocks(loaded), "installed at once where the updater exists");
        assertEquals(List.of(), loaded.getListeners().stream().toList(), "no listener needed then");

        FastLayers.install(fast);
        FastLayers.remove(fast);
        assertEquals(0, fastBlocks(fast));
        assertEquals(List.of(), fast.getListeners().stream().toList());
    }

    private static int fastBlocks(MultiLayerNetwork net) {
        int count = 0;
        for (UpdaterBlock block : ((BaseMultiLayerUpdater<?>) net.getUpdater(false)).getUpdaterBlocks()) {
            count += block.getGradientUpdater() instanceof FastAdam ? 1 : 0;
        }
        return count;
    }

    private static DataSet rows(int examples) {
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.rand(DataType.FLOAT, examples, 9);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, examples, 3);
        for (int i = 0; i < examples; i++) {
            labels.putScalar(i, i % 3, 1);
        }
        return new DataSet(x, labels);
    }

    private static MultiLayerNetwork reload(MultiLayerNetwork net) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double difference = expected.sub(actual).amaxNumber().doubleValue();
        double scale = Math.max(1e-6, expected.amaxNumber().doubleValue());
        assertTrue(difference <= 1e-5 * scale, what + ": largest difference " + difference + " of " + scale);
    }
}
