package dlkit.layers;

import java.util.Map;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Learned position embeddings, as in GPT and BERT: adds to each step of a sequence a vector of its own,
 * {@code output[:, :, t] = input[:, :, t] + P[:, t]}. Attention by itself sees a set of steps, not their order
 * (swap two steps and each step's output is the same); this layer tells the layers above where each step is.
 * Parameter {@code P} is {@code [features, steps]}; the number of steps is fixed when the network is built.
 *
 * <pre>{@code
 * .layer(new EmbeddingSequenceLayer.Builder().nOut(64).inputLength(100).build())
 * .layer(new Positions.Builder().build())
 * .layer(new TransformerBlock.Builder().heads(4).build())
 * }</pre>
 */
public class Positions extends SequenceLayer {

    private static final String POSITIONS = "P";

    private long nIn;
    private long steps;

    /** For DL4J's JSON loading; use {@link Builder}. */
    protected Positions() {
    }

    private Positions(Builder builder) {
        super(builder);
    }

    /** The number of features per step. */
    public long getNIn() {
        return nIn;
    }

    /** For DL4J's JSON loading. */
    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    /** The number of steps, one position vector each. */
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
            throw new IllegalArgumentException("Positions (layer '" + getLayerName() + "') needs a known number of steps; "
                    + "set .setInputType(InputType.recurrent(features, steps)) or inputLength on the embedding");
        }
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(POSITIONS, nIn, steps);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray p = params.get(POSITIONS);
            p.assign(Nd4j.randn(p.dataType(), p.shape()).muli(0.1));
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        return input.add(params.get(POSITIONS).reshape(1, nIn, steps));
    }

    /** Builds a {@link Positions} layer: {@code new Positions.Builder().build()}. */
    public static class Builder extends SameDiffLayer.Builder<Builder> {

        @Override
        @SuppressWarnings("unchecked")
        public Positions build() {
            return new Positions(this);
        }
    }
}
