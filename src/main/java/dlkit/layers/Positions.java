package dlkit.layers;

import java.util.Map;

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
public class Positions extends SameShapeSequenceLayer {

    private static final String POSITIONS = "P";

    /** For DL4J's JSON loading; use {@link Builder}. */
    protected Positions() {
    }

    private Positions(Builder builder) {
        super(builder);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(POSITIONS, getNIn(), getSteps());
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
        return input.add(params.get(POSITIONS).reshape(1, getNIn(), getSteps()));
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
