package dlkit.layers;

import java.util.Collection;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The base of the course's SameDiff layers that read sequences, {@code [examples, features, steps]}
 * ({@link Gru}, {@link AttentionPooling}, {@link Positions}, {@link TransformerBlock}): a subclass defines its parameters and its graph; this class
 * gives it DL4J's preprocessing of recurrent inputs, a clear error for an input that is not a sequence, and
 * the runtime that corrects the gradients of SameDiff layers in DL4J 1.0.0-M2.1 ({@link SameDiffRuntime}).
 */
public abstract class SequenceLayer extends SameDiffLayer {

    /** For DL4J's JSON loading. */
    protected SequenceLayer() {
    }

    protected SequenceLayer(SameDiffLayer.Builder<?> builder) {
        super(builder);
    }

    /**
     * The input type as a sequence.
     *
     * @throws IllegalArgumentException when the layer below does not give a sequence
     */
    protected InputType.InputTypeRecurrent sequence(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " (layer '" + getLayerName() + "') needs "
                    + "a sequence as input, got " + inputType + "; put it after an embedding or a recurrent layer, or "
                    + "set .setInputType(InputType.recurrent(features, steps))");
        }
        return recurrent;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, RNNFormat.NCW, getLayerName());
    }

    @Override
    public final org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                             Collection<TrainingListener> listeners, int layerIndex,
                                                             INDArray paramsView, boolean initializeParams,
                                                             DataType networkDataType) {
        return SameDiffRuntime.instantiate(this, conf, listeners, layerIndex, paramsView, initializeParams,
                networkDataType);
    }
}
