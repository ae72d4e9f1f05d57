package dlkit.ethics;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Grad-CAM (Selvaraju et al., 2017) for DL4J's {@link MultiLayerNetwork}: the gradient of a class's score
 * (the output layer's value before the softmax) with respect to a convolution layer's feature maps, averaged
 * over each map to one weight per map; the weighted sum of the maps, negative parts cut off, is the map of
 * where that layer saw evidence for the class. The backward pass runs layer by layer from the output layer
 * down to the chosen layer, with DL4J's own layer gradients, in inference mode (no dropout).
 */
final class GradCam {

    private GradCam() {
    }

    /** The index of the network's last convolution layer. */
    static int lastConvolution(MultiLayerNetwork net) {
        Layer[] layers = net.getLayers();
        for (int i = layers.length - 1; i >= 0; i--) {
            if (layers[i].conf().getLayer() instanceof ConvolutionLayer) {
                return i;
            }
        }
        throw new IllegalArgumentException("gradCam: the network has no convolution layer; Grad-CAM explains image "
                + "networks through their feature maps (use integratedGradients for other networks)");
    }

    /** See {@link Explanations#gradCam(MultiLayerNetwork, INDArray, int[], int)}. */
    static INDArray maps(MultiLayerNetwork net, INDArray inputs, int[] classes, int layer) {
        if (net == null || inputs == null) {
            throw new IllegalArgumentException("gradCam: pass a trained network and its inputs");
        }
        Layer[] layers = net.getLayers();
        int last = layers.length - 1;
        if (layer < 0 || layer >= last) {
            throw new IllegalArgumentException("gradCam: layer " + layer + " is not one of the network's layers 0.."
                    + (last - 1) + " below the output layer; give the index of a convolution layer, e.g. the last one");
        }
        if (!(layers[last].conf().getLayer() instanceof OutputLayer)) {
            throw new IllegalArgumentException("gradCam: the last layer is a "
                    + layers[last].conf().getLayer().getClass().getSimpleName() + "; Grad-CAM needs a dense OutputLayer,"
                    + " whose class scores are its values before the softmax");
        }
        if (classes == null || classes.length != inputs.size(0)) {
            throw new IllegalArgumentException("gradCam: " + (classes == null ? 0 : classes.length) + " classes for "
                    + inputs.size(0) + " inputs; give one class to explain per input row");
        }
        for (int i = layer + 1; i < last; i++) {
            if (layers[i].conf().getLayer() instanceof BatchNormalization) {
                throw new IllegalArgumentException("gradCam: layer " + i + " (above layer " + layer + ") is a "
                        + "BatchNormalization, whose DL4J gradient uses the statistics of the batch being explained, "
                        + "not the running ones the network predicts with; explain a layer above it");
            }
        }
        INDArray weights = layers[last].getParam("W");   // [inputs, classes]
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= weights.size(1)) {
                throw new IllegalArgumentException("gradCam: class " + classes[i] + " of row " + i + " is outside the "
                        + weights.size(1) + " outputs 0.." + (weights.size(1) - 1));
            }
        }

        List<INDArray> activations = net.feedForward(inputs, false);   // [input, output of layer 0, 1, ...]
        INDArray features = activations.get(layer + 1);
        if (features.rank() != 4) {
            throw new IllegalArgumentException("gradCam: layer " + layer + " gives arrays of shape "
                    + java.util.Arrays.toString(features.shape()) + ", not feature maps [n, channels, height, width]; "
                    + "give a convolution layer");
        }
        LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
        if (net.getGradientsViewArray() == null) {
            net.initGradientsView();   // a network that never trained (e.g. loaded) has no gradient arrays yet
        }
        int n = classes.length;
        // d score(class) / d (output layer's input) is the class's column of the output layer's weights.
        INDArray epsilon = Nd4j.createUninitialized(weights.dataType(), n, weights.size(0));
        for (int i = 0; i < n; i++) {
            epsilon.getRow(i).assign(weights.getColumn(classes[i]));
        }
        List<IDropout> dropouts = withoutDropout(layers, layer + 1, last);
        try {
            for (int i = last; i > layer; i--) {
                if (i < last) {
                    layers[i].setInput(preprocessed(net, i, activations.get(i), n), workspaces);
                    epsilon = layers[i].backpropGradient(epsilon, workspaces).getSecond();
                }
                InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
                if (pre != null) {
                    epsilon = pre.backprop(epsilon, n, workspaces);
                }
            }
        } finally {
            restoreDropout(layers, layer + 1, dropouts);
            for (int i = layer + 1; i < last; i++) {
                layers[i].clear();
            }
        }
        INDArray alpha = epsilon.mean(2, 3);                            // [n, channels]
        INDArray weighted = features.mul(alpha.reshape(n, alpha.size(1), 1, 1));
        return Transforms.relu(weighted.sum(1), false);                // [n, height, width]
    }

    private static INDArray preprocessed(MultiLayerNetwork net, int i, INDArray input, int n) {
        InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
        return pre == null ? input : pre.preProcess(input, n, LayerWorkspaceMgr.noWorkspaces());
    }

    /** Takes the dropout off layers {@code from..to-1} (inference has none) and returns what they had. */
    private static List<IDropout> withoutDropout(Layer[] layers, int from, int to) {
        List<IDropout> saved = new ArrayList<>();
        for (int i = from; i < to; i++) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layers[i].conf().getLayer();
            saved.add(conf.getIDropout());
            conf.setIDropout(null);
        }
        return saved;
    }

    private static void restoreDropout(Layer[] layers, int from, List<IDropout> saved) {
        for (int k = 0; k < saved.size(); k++) {
            layers[from + k].conf().getLayer().setIDropout(saved.get(k));
        }
    }
}
