package dlkit.transfer;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The second step of transfer learning: after a new head has been trained on top of frozen layers
 * (DL4J's {@code TransferLearning.Builder...setFeatureExtractor(k)}), let the last frozen layers learn
 * too, slowly. DL4J cannot do this by transferring the network again (its frozen layers would be
 * wrapped twice and fail in training), so {@link #unfreeze} rebuilds the network with the same weights.
 *
 * <pre>{@code
 * MultiLayerNetwork fineTuned = FineTuning.unfreeze(transferred, 2, new Adam(1e-4)); // layers 2.. learn
 * }</pre>
 */
public final class FineTuning {

    private FineTuning() {
    }

    /** The indices of the frozen layers of {@code net}, in order. */
    public static List<Integer> frozenLayers(MultiLayerNetwork net) {
        List<Integer> frozen = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayerWiseConfigurations().getConf(i).getLayer() instanceof FrozenLayer) {
                frozen.add(i);
            }
        }
        return frozen;
    }

    /**
     * A copy of {@code net}, with the same weights, in which layers {@code fromLayer} and later are no
     * longer frozen and learn with {@code updater} (e.g. Adam with a learning rate ten times smaller than
     * the head's). Layers before {@code fromLayer} stay as they were. {@code net} is left unchanged.
     *
     * @throws IllegalArgumentException when {@code fromLayer} is not a layer of {@code net}
     */
    public static MultiLayerNetwork unfreeze(MultiLayerNetwork net, int fromLayer, IUpdater updater) {
        int layers = net.getnLayers();
        if (fromLayer < 0 || fromLayer >= layers) {
            throw new IllegalArgumentException("unfreeze: layer " + fromLayer + " does not exist; the network has layers 0.."
                    + (layers - 1) + ", frozen: " + frozenLayers(net));
        }
        if (updater == null) {
            throw new IllegalArgumentException("unfreeze: pass the updater of the unfrozen layers, e.g. new Adam(1e-4)");
        }
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        for (int i = fromLayer; i < layers; i++) {
            NeuralNetConfiguration layerConf = conf.getConf(i);
            Layer layer = layerConf.getLayer();
            if (layer instanceof FrozenLayer frozen) {
                layer = frozen.getLayer();
                layerConf.setLayer(layer);
            }
            if (layer instanceof BaseLayer trainable) {
                trainable.setIUpdater(updater.clone());
                trainable.setBiasUpdater(null);
            }
        }
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(net.params().dup(), false);
        return copy;
    }
}
