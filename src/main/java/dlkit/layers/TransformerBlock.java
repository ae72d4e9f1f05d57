package dlkit.layers;

import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A transformer block (Vaswani et al., 2017), in the pre-norm arrangement of GPT-2: multi-head self-attention
 * and a feed-forward part, each read from a layer-normalized copy of its input and added back to it (a residual
 * connection). It reads and returns {@code [examples, features, steps]}:
 * <pre>
 *   a = x + MultiHeadAttention(LayerNorm1(x))
 *   y = a + W2 relu(W1 LayerNorm2(a) + c1) + c2
 * </pre>
 * Each of the {@code heads} heads projects every step to a query, a key and a value of
 * {@code features / heads} numbers; a step's output is the average of the values of all steps, weighted by
 * {@code softmax(query . key / sqrt(features / heads))} over the steps it may see; the heads' outputs are joined and
 * projected back ({@code Wo}). With {@link Builder#causal(boolean) causal(true)} a step may see itself and the
 * steps before it only, as a language model that predicts the next step must. Parameters: {@code Wq, Wk, Wv, Wo}
 * ({@code features x features}) with biases {@code bq, bk, bv, bo}; layer-norm gains and shifts {@code g1, s1,
 * g2, s2}; feed-forward {@code W1 (features x ff), c1, W2 (ff x features), c2}. The number of steps is fixed
 * when the network is built (put {@link Positions} below the first block).
 *
 * <pre>{@code
 * .layer(new Positions.Builder().build())
 * .layer(new TransformerBlock.Builder().heads(4).causal(true).build())
 * }</pre>
 *
 * {@link #attentionWeights} computes the attention weights of a block in a network, to look at them.
 */
public class TransformerBlock extends SameShapeSequenceLayer {

    private static final double EPSILON = 1e-5;

    private int heads = 4;
    private long ff;
    private boolean causal;

    /** For DL4J's JSON loading; use {@link Builder}. */
    protected TransformerBlock() {
    }

    private TransformerBlock(Builder builder) {
        super(builder);
        this.heads = builder.heads;
        this.ff = builder.ff;
        this.causal = builder.causal;
        if (heads < 1) {
            throw new IllegalArgumentException("TransformerBlock: heads " + heads + " must be at least 1, e.g. 4");
        }
    }

    public int getHeads() {
        return heads;
    }

    public void setHeads(int heads) {
        this.heads = heads;
    }

    /** The feed-forward part's width (4 x features unless set). */
    public long getFf() {
        return ff;
    }

    public void setFf(long ff) {
        this.ff = ff;
    }

    /** Whether a step sees only itself and the steps before it. */
    public boolean isCausal() {
        return causal;
    }

    public void setCausal(boolean causal) {
        this.causal = causal;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        super.setNIn(inputType, override);
        long nIn = getNIn();
        if (nIn % heads != 0) {
            throw new IllegalArgumentException("TransformerBlock (layer '" + getLayerName() + "'): " + nIn + " features "
                    + "do not split into " + heads + " heads; choose heads that divide the features (e.g. "
                    + largestDivisorUpTo(nIn, heads) + ")");
        }
        if (ff <= 0) {
            ff = 4 * nIn;
        }
    }

    private static long largestDivisorUpTo(long n, int limit) {
        for (int h = limit; h > 1; h--) {
            if (n % h == 0) {
                return h;
            }
        }
        return 1;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        long nIn = getNIn();
        params.clear();
        for (String w : new String[]{"Wq", "Wk", "Wv", "Wo"}) {
            params.addWeightParam(w, nIn, nIn);
        }
        params.addWeightParam("W1", nIn, ff);
        params.addWeightParam("W2", ff, nIn);
        for (String b : new String[]{"bq", "bk", "bv", "bo", "g1", "s1", "g2", "s2", "c2"}) {
            params.addBiasParam(b, 1, nIn);
        }
        params.addBiasParam("c1", 1, ff);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                INDArray p = e.getValue();
                if (e.getKey().startsWith("W")) {
                    p.assign(Nd4j.randn(p.dataType(), p.shape()).muli(1.0 / Math.sqrt(p.size(0))));
                } else {
                    p.assign(e.getKey().startsWith("g") ? 1.0 : 0.0);
                }
            }
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> p, SDVariable mask) {
        long nIn = getNIn();
        long steps = getSteps();
        long dh = nIn / heads;
        SDVariable x = input.permute(0, 2, 1);                                       // [n, T, d]
        SDVariable h = norm(x, p.get("g1"), p.get("s1"));
        SDVariable q = split(linear(sd, h, p.get("Wq"), p.get("bq")), dh);          // [n, H, T, dh]
        SDVariable k = split(linear(sd, h, p.get("Wk"), p.get("bk")), dh);
        SDVariable v = split(linear(sd, h, p.get("Wv"), p.get("bv")), dh);
        SDVariable scores = sd.mmul(q, k, false, true, false).div(Math.sqrt(dh));   // [n, H, T, T]
        if (causal) {
            scores = scores.add(sd.constant(futureMask(steps, input.dataType())));
        }
        SDVariable weights = sd.nn().softmax(scores, -1);
        SDVariable joined = sd.mmul(weights, v).permute(0, 2, 1, 3).reshape(-1, steps, nIn);   // [n, T, d]
        SDVariable a = x.add(linear(sd, joined, p.get("Wo"), p.get("bo")));
        SDVariable h2 = norm(a, p.get("g2"), p.get("s2"));
        SDVariable hidden = sd.nn().relu(linear(sd, h2, p.get("W1"), p.get("c1")), 0);
        SDVariable y = a.add(linear(sd, hidden, p.get("W2"), p.get("c2")));
        return y.permute(0, 2, 1);                                                    // [n, d, T]
    }

    /** {@code x W + b} at every step: {@code [n, T, in]} to {@code [n, T, out]}. */
    private SDVariable linear(SameDiff sd, SDVariable x, SDVariable w, SDVariable b) {
        return sd.mmul(x.reshape(-1, w.getShape()[0]), w).add(b).reshape(-1, getSteps(), w.getShape()[1]);
    }

    /** Layer normalization over the features of each step: {@code (x - mean) / sqrt(variance + 1e-5) * g + s}. */
    private static SDVariable norm(SDVariable x, SDVariable gain, SDVariable shift) {
        SDVariable centred = x.sub(x.mean(true, 2));
        SDVariable std = centred.mul(centred).mean(true, 2).add(EPSILON).pow(0.5);
        return centred.div(std).mul(gain.reshape(1, 1, -1)).add(shift.reshape(1, 1, -1));
    }

    private SDVariable split(SDVariable x, long dh) {
        return x.reshape(-1, getSteps(), heads, dh).permute(0, 2, 1, 3);
    }

    /** 0 where a step may look (itself and earlier steps), -1e9 where it may not (later steps): {@code [T, T]}. */
    static INDArray futureMask(long steps, DataType type) {
        INDArray mask = Nd4j.zeros(type, steps, steps);
        for (int i = 0; i < steps; i++) {
            for (int j = i + 1; j < steps; j++) {
                mask.putScalar(i, j, -1e9);
            }
        }
        return mask;
    }

    /**
     * The attention weights of a block in a network, computed from its parameters: {@code [examples, heads, steps,
     * steps]}, where {@code [e, h, t, s]} is how much step {@code t} of example {@code e} looks at step {@code s} in
     * head {@code h}; every row sums to 1 (and is 0 after {@code t} in a causal block).
     *
     * @param block the block's layer, e.g. {@code net.getLayer(2)}
     * @param input what the block reads, {@code [examples, features, steps]}: e.g. {@code net.feedForward(x,
     *              false).get(2)} for layer 2
     * @throws IllegalArgumentException when the layer is not a transformer block or the input does not fit it
     */
    public static INDArray attentionWeights(Layer block, INDArray input) {
        if (!(block.conf().getLayer() instanceof TransformerBlock conf)) {
            throw new IllegalArgumentException("attentionWeights: layer " + block.getIndex() + " is a "
                    + block.conf().getLayer().getClass().getSimpleName() + ", not a TransformerBlock");
        }
        if (input.rank() != 3 || input.size(1) != conf.getNIn() || input.size(2) != conf.getSteps()) {
            throw new IllegalArgumentException("attentionWeights: the block reads [examples, " + conf.getNIn() + ", "
                    + conf.getSteps() + "], got " + java.util.Arrays.toString(input.shape()) + "; pass the activations of "
                    + "the layer below it");
        }
        Map<String, INDArray> p = block.paramTable();
        long n = input.size(0);
        long dh = conf.getNIn() / conf.heads;
        INDArray x = input.permute(0, 2, 1).dup('c').reshape(n * conf.getSteps(), conf.getNIn());
        INDArray mean = x.mean(true, 1);
        INDArray centred = x.subColumnVector(mean);
        INDArray std = Transforms.sqrt(centred.mul(centred).mean(true, 1).addi(EPSILON), false);
        INDArray h = centred.divColumnVector(std).mulRowVector(p.get("g1")).addRowVector(p.get("s1"));
        INDArray q = heads(h.mmul(p.get("Wq")).addRowVector(p.get("bq")), n, conf.getSteps(), conf.heads, dh);
        INDArray k = heads(h.mmul(p.get("Wk")).addRowVector(p.get("bk")), n, conf.getSteps(), conf.heads, dh);
        INDArray out = Nd4j.create(input.dataType(), n, conf.heads, conf.getSteps(), conf.getSteps());
        INDArray mask = futureMask(conf.getSteps(), input.dataType());
        for (int e = 0; e < n; e++) {
            for (int head = 0; head < conf.heads; head++) {
                INDArray scores = q.slice(e).slice(head).mmul(k.slice(e).slice(head).transpose()).divi(Math.sqrt(dh));
                if (conf.causal) {
                    scores.addi(mask);
                }
                out.slice(e).slice(head).assign(Transforms.softmax(scores, true));
            }
        }
        return out;
    }

    /** {@code [n * T, d]} rows to {@code [n, heads, T, dh]}. */
    private static INDArray heads(INDArray rows, long n, long steps, int heads, long dh) {
        return rows.reshape(n, steps, heads, dh).permute(0, 2, 1, 3).dup('c');
    }

    /** Builds a {@link TransformerBlock}: {@code new TransformerBlock.Builder().heads(4).causal(true).build()}. */
    public static class Builder extends SameDiffLayer.Builder<Builder> {

        private int heads = 4;
        private long ff;
        private boolean causal;

        /** Attention heads; they must divide the features. 4 by default. */
        public Builder heads(int heads) {
            this.heads = heads;
            return this;
        }

        /** The feed-forward part's width; 4 x features by default. */
        public Builder ff(long ff) {
            this.ff = ff;
            return this;
        }

        /** True for a language model: each step sees only itself and the steps before it. False by default. */
        public Builder causal(boolean causal) {
            this.causal = causal;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public TransformerBlock build() {
            return new TransformerBlock(this);
        }
    }
}
