package dlkit.layers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;

/**
 * A sequence layer whose output has its input's shape, {@code [examples, features, steps]}, with the number of
 * steps fixed when the network is built ({@link Positions}, {@link TransformerBlock}).
 */
public abstract class SameShapeSequenceLayer extends SequenceLayer {

    private long nIn;
    private long steps;

    /** For DL4J's JSON loading. */
    protected SameShapeSequenceLayer() {
    }

    protected SameShapeSequenceLayer(SameDiffLayer.Builder<?> builder) {
        super(builder);
    }

    /** The number of features per step (set from the layer below when the network is built). */
    public long getNIn() {
        return nIn;
    }

    /** For DL4J's JSON loading. */
    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    /** The number of steps. */
    public long getSteps() {
        return steps;
    }

    /** For DL4J's JSON loading. */
    public void setSteps(long steps) {
        this.steps = steps;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent in = sequence(inputType);
        return InputType.recurrent(in.getSize(), in.getTimeSeriesLength());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeRecurrent in = sequence(inputType);
        if (nIn <= 0 || override) {
            nIn = in.getSize();
        }
        if (steps <= 0 || override) {
            steps = in.getTimeSeriesLength();
        }
        if (steps <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " (layer '" + getLayerName() + "') needs a "
                    + "known number of steps; set .setInputType(InputType.recurrent(features, steps)) or inputLength on "
                    + "the embedding");
        }
    }
}
