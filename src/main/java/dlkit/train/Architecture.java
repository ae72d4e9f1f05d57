package dlkit.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * What training needs to know of a network's configuration, the same for DL4J's two kinds of network:
 * the layers the features go into, the output layer and its loss, and the optimizer. Wrappers
 * ({@code LastTimeStep}, frozen layers) are looked through.
 *
 * @param inputLayers the layers that read the features as they come, without an input preprocessor in
 *                    between (none when a preprocessor reshapes them first, e.g. for
 *                    {@code InputType.convolutionalFlat})
 * @param outputLayer the layer whose output is compared with the labels, or null when it is not a layer
 * @param updater     the optimizer of the first trainable layer that has a learning rate, or null
 */
record Architecture(List<Layer> inputLayers, Layer outputLayer, IUpdater updater) {

    Architecture {
        inputLayers = List.copyOf(inputLayers);
    }

    /** The architecture of a {@code MultiLayerNetwork} or a {@code ComputationGraph}. */
    static Architecture of(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return of(net.getLayerWiseConfigurations());
        }
        if (model instanceof ComputationGraph graph) {
            return of(graph.getConfiguration());
        }
        return new Architecture(List.of(), null, null);
    }

    private static Architecture of(MultiLayerConfiguration conf) {
        List<Layer> layers = conf.getConfs().stream().map(NeuralNetConfiguration::getLayer).toList();
        List<Layer> inputs = conf.getInputPreProcess(0) == null ? List.of(unwrap(layers.get(0))) : List.of();
        return new Architecture(inputs, unwrap(layers.get(layers.size() - 1)), updater(layers));
    }

    private static Architecture of(ComputationGraphConfiguration conf) {
        String input = conf.getNetworkInputs().get(0);
        List<Layer> inputs = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        for (Map.Entry<String, GraphVertex> vertex : conf.getVertices().entrySet()) {
            if (vertex.getValue() instanceof LayerVertex layer) {
                layers.add(layer.getLayerConf().getLayer());
                List<String> from = conf.getVertexInputs().get(vertex.getKey());
                if (from != null && from.contains(input) && layer.getPreProcessor() == null) {
                    inputs.add(unwrap(layer.getLayerConf().getLayer()));
                }
            }
        }
        GraphVertex output = conf.getVertices().get(conf.getNetworkOutputs().get(0));
        Layer out = output instanceof LayerVertex layer ? unwrap(layer.getLayerConf().getLayer()) : null;
        return new Architecture(inputs, out, updater(layers));
    }

    /** The layer inside wrappers such as {@code LastTimeStep} and frozen layers. */
    static Layer unwrap(Layer layer) {
        Layer inner = layer;
        while (true) {
            if (inner instanceof BaseWrapperLayer wrapper && wrapper.getUnderlying() != null) {
                inner = wrapper.getUnderlying();
            } else if (inner instanceof FrozenLayer frozen && frozen.getLayer() != null) {
                inner = frozen.getLayer();
            } else {
                return inner;
            }
        }
    }

    private static IUpdater updater(List<Layer> layers) {
        for (Layer layer : layers) {
            if (layer instanceof BaseLayer base && base.getIUpdater() != null && base.getIUpdater().hasLearningRate()) {
                return base.getIUpdater();
            }
        }
        return null;
    }

    /** The output layer's loss function, or null. */
    ILossFunction loss() {
        if (outputLayer instanceof BaseOutputLayer out) {
            return out.getLossFn();
        }
        return outputLayer instanceof LossLayer loss ? loss.getLossFn() : null;
    }

    /**
     * Whether the network classifies: its loss is a cross-entropy (softmax or sigmoid output), so its
     * outputs are probabilities and its loss is capped (DL4J clips the probabilities).
     */
    boolean classifier() {
        ILossFunction loss = loss();
        return loss instanceof LossMCXENT || loss instanceof LossBinaryXENT;
    }

    /** The optimizer and its learning rate in words, e.g. "100.0 with Adam", or "" when unknown. */
    String learningRate(double scheduled) {
        String optimizer = updater == null ? "" : " with " + updater.getClass().getSimpleName();
        double rate = !Double.isNaN(scheduled) ? scheduled : updater == null ? Double.NaN : updater.getLearningRate(0, 0);
        return Double.isNaN(rate) ? "" : String.format(Locale.ROOT, "%s%s", rate, optimizer);
    }
}
