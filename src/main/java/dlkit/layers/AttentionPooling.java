package dlkit.layers;

import java.util.Map;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Attention pooling: one learned query looks at every step of a sequence and returns the weighted average
 * of the steps, weighted by how well each matches the query. It turns {@code [examples, features, steps]}
 * into {@code [examples, features]}, like {@code LastTimeStep} or average pooling, but lets the network
 * choose which steps count.
 *
 * <pre>{@code
 * .layer(new SimpleRnn.Builder().nOut(32).build())
 * .layer(new AttentionPooling.Builder().build())          // [examples, 32]
 * .layer(new OutputLayer.Builder(...).nOut(4).build())
 * }</pre>
 *
 * <p>With the query {@code q} (parameter {@code "q"}, one number per feature) and the step vectors
 * {@code h(t)}: scores {@code s(t) = q · h(t) / sqrt(features)}, weights {@code w = softmax(s)} over the
 * steps, output {@code Σ w(t) h(t)}. {@link #weights} computes the weights from a network's activations,
 * to show where it looks. (DL4J's own {@code LearnedSelfAttentionLayer} does this with projections, but
 * fails in DL4J 1.0.0-M2.1 when it reads the output of a recurrent layer.)
 */
public class AttentionPooling extends SequenceLayer {

    private static final String QUERY = "q";

    private long nIn;

    /** For DL4J's JSON loading; use {@link Builder}. */
    protected AttentionPooling() {
    }

    private AttentionPooling(Builder builder) {
        super(builder);
        this.nIn = builder.nIn;
    }

    /** The number of features per step. */
    public long getNIn() {
        return nIn;
    }

    /** For DL4J's JSON loading. */
    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    /**
     * The attention weights of a query over steps: {@code softmax(q · h(t) / sqrt(features))}.
     *
     * @param query one number per feature, e.g. {@code net.getParam("2_q")}
     * @param steps the steps the layer looked at, {@code [examples, features, steps]} (the previous
     *              layer's activations)
     * @return {@code [examples, steps]}, each row summing to 1
     * @throws IllegalArgumentException when the shapes do not fit
     */
    public static INDArray weights(INDArray query, INDArray steps) {
        if (steps.rank() != 3 || query.length() != steps.size(1)) {
            throw new IllegalArgumentException("AttentionPooling.weights: a query of " + query.length()
                    + " numbers needs steps [examples, " + query.length() + ", steps], got "
                    + java.util.Arrays.toString(steps.shape()));
        }
        INDArray q = query.reshape(1, steps.size(1), 1).castTo(steps.dataType());
        INDArray scores = steps.mul(q).sum(1).divi(Math.sqrt(steps.size(1))); // [examples, steps]
        return Transforms.softmax(scores, true);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(sequence(inputType).getSize());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = sequence(inputType).getSize();
        }
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(QUERY, 1, nIn);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray query = params.get(QUERY);
            // small random values: every step starts with about the same weight
            query.assign(Nd4j.randn(query.dataType(), query.shape()).muli(1.0 / Math.sqrt(nIn)));
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable query = params.get(QUERY).reshape(1, nIn, 1);
        SDVariable scores = input.mul(query).sum(1).div(Math.sqrt(nIn)); // [examples, steps]
        SDVariable weights = sd.nn().softmax(scores, 1);
        return input.mul(sd.expandDims(weights, 1)).sum(2);               // [examples, features]
    }

    /** Builds an {@link AttentionPooling} layer: {@code new AttentionPooling.Builder().build()}. */
    public static class Builder extends SameDiffLayer.Builder<Builder> {

        private long nIn;

        /** Features per step; usually left to {@code setInputType}. */
        public Builder nIn(long nIn) {
            this.nIn = nIn;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public AttentionPooling build() {
            return new AttentionPooling(this);
        }
    }
}
