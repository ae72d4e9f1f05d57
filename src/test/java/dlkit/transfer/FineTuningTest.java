package dlkit.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Unfreezing layers after a new head was trained on frozen ones. */
class FineTuningTest {

    static MultiLayerNetwork transferred() {
        MultiLayerNetwork base = new MultiLayerNetwork(PretrainedModels.fashionCnnConfiguration(7));
        base.init();
        return new TransferLearning.Builder(base)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-3)).seed(7).build())
                .setFeatureExtractor(PretrainedModels.FASHION_CNN_LAST_FEATURE_LAYER)
                .removeLayersFromOutput(2)
                .addLayer(new DenseLayer.Builder().nIn(800).nOut(16).activation(Activation.RELU).build())
                .addLayer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    static DataSet batch() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 3);
        for (int i = 0; i < 6; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(x, y);
    }

    @Test
    void unfrozenLayersLearnAndTheRestKeepTheirWeights() {
        MultiLayerNetwork net = transferred();
        assertEquals(List.of(0, 1, 2, 3), FineTuning.frozenLayers(net));
        MultiLayerNetwork tuned = FineTuning.unfreeze(net, 2, new Adam(1e-3));
        assertEquals(List.of(0, 1), FineTuning.frozenLayers(tuned));
        assertEquals(List.of(0, 1, 2, 3), FineTuning.frozenLayers(net), "the original is unchanged");
        DataSet batch = batch();
        assertEquals(net.output(batch.getFeatures()), tuned.output(batch.getFeatures()), "same weights, same outputs");

        INDArray conv1 = tuned.getLayer(0).params().dup();
        INDArray conv2 = tuned.getLayer(2).params().dup();
        tuned.fit(batch);
        assertEquals(conv1, tuned.getLayer(0).params(), "still frozen");
        assertNotEquals(conv2, tuned.getLayer(2).params(), "unfrozen: it learns");

        INDArray netConv2 = net.getLayer(2).params().dup();
        net.fit(batch);
        assertEquals(netConv2, net.getLayer(2).params(), "the original's frozen layers stay frozen");
    }

    @Test
    void aLayerThatDoesNotExistIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> FineTuning.unfreeze(transferred(), 6, new Adam(1e-4)));
        assertEquals("unfreeze: layer 6 does not exist; the network has layers 0..5, frozen: [0, 1, 2, 3]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FineTuning.unfreeze(transferred(), 2, null));
    }

    @Test
    void theTunedNetworkSavesAndLoads() throws Exception {
        MultiLayerNetwork tuned = FineTuning.unfreeze(transferred(), 2, new Adam(1e-4));
        var out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(tuned, out, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(out.toByteArray()), true);
        assertEquals(tuned.params(), loaded.params());
        assertEquals(List.of(0, 1), FineTuning.frozenLayers(loaded));
    }
}
