package dlkit.train;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.impl.LossMixtureDensity;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * The shapes Learner checks before the first step: does the network's first layer take as many inputs as
 * the data has features, and does its output layer give as many values as the labels have columns?
 * DL4J would otherwise fail inside a native op with a long stack trace, or not at all.
 *
 * <p>Only what can be told for sure is checked: a dense first layer against 2-d features, a recurrent
 * one against sequences {@code [batch, features, time]}, a convolution against images
 * {@code [batch, channels, height, width]} (or their channels-last forms), each only when no input
 * preprocessor stands in between; and an output layer's units against 2-d labels (3-d for a recurrent
 * output layer), unless its loss reads labels of another width (sparse cross-entropy, mixture density).
 * Anything else is left to DL4J.
 */
final class FitChecks {

    private FitChecks() {
    }

    /**
     * Refuses a batch whose features or labels do not fit the network.
     *
     * @throws IllegalArgumentException naming both sizes and the fix
     */
    static void shapes(Architecture network, DataSet batch) {
        for (Layer layer : network.inputLayers()) {
            inputs(layer, batch.getFeatures());
        }
        outputs(network, batch.getLabels());
    }

    private static void inputs(Layer layer, INDArray features) {
        if (!(layer instanceof FeedForwardLayer ff) || ff.getNIn() <= 0 || features == null) {
            return;
        }
        long nIn = ff.getNIn();
        String shape = Arrays.toString(features.shape());
        String name = "Learner.fit: the network's first layer (" + layer.getClass().getSimpleName() + ") expects ";
        if ((layer instanceof DenseLayer || layer instanceof OutputLayer) && features.rank() == 2) {
            long columns = features.size(1);
            if (columns != nIn) {
                throw new IllegalArgumentException(name + nIn + " inputs (nIn) but the data has " + columns
                        + " feature columns (shape " + shape + "): set nIn(" + columns + ") on the first layer, or"
                        + " check the Preprocessor's numInputs()");
            }
        } else if (layer instanceof BaseRecurrentLayer recurrent && features.rank() == 3) {
            long perStep = features.size(recurrent.getRnnDataFormat() == RNNFormat.NWC ? 2 : 1);
            if (perStep != nIn) {
                throw new IllegalArgumentException(name + nIn + " inputs per time step (nIn) but the sequences have "
                        + perStep + " features per step (shape " + shape + "): set nIn(" + perStep + ") on the first layer, or build"
                        + " the network with setInputType(InputType.recurrent(" + perStep + ", steps))");
            }
        } else if (layer instanceof ConvolutionLayer conv && features.rank() == 4) {
            long channels = features.size(conv.getCnn2dDataFormat() == CNN2DFormat.NHWC ? 3 : 1);
            if (channels != nIn) {
                throw new IllegalArgumentException(name + nIn + " input channels (nIn) but the images have "
                        + channels + " channels (shape " + shape + "): set nIn(" + channels + ") on the first layer, or build"
                        + " the network with setInputType(InputType.convolutional(height, width, " + channels + "))");
            }
        }
    }

    private static void outputs(Architecture network, INDArray labels) {
        if (!(network.outputLayer() instanceof BaseOutputLayer out) || out.getNOut() <= 0 || labels == null
                || out.getLossFn() instanceof LossSparseMCXENT || out.getLossFn() instanceof LossMixtureDensity) {
            return; // labels of class indices, or of a mixture's targets, are not one column per unit
        }
        long columns;
        if (out instanceof RnnOutputLayer rnn) {
            if (labels.rank() != 3) {
                return;
            }
            columns = labels.size(rnn.getRnnDataFormat() == RNNFormat.NWC ? 2 : 1);
        } else if (labels.rank() == 2) {
            columns = labels.size(1);
        } else {
            return;
        }
        if (columns != out.getNOut()) {
            throw new IllegalArgumentException("Learner.fit: the network's output layer ("
                    + out.getClass().getSimpleName() + ") has " + out.getNOut() + " units (nOut) but the labels have "
                    + columns + " columns (shape " + Arrays.toString(labels.shape()) + "): set nOut(" + columns
                    + ") on the output layer (one unit per class, or per value to predict), or check the"
                    + " Preprocessor's numOutputs()");
        }
    }
}
