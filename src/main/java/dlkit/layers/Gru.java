package dlkit.layers;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A GRU (gated recurrent unit) layer for DL4J's {@code MultiLayerNetwork}, which has {@code SimpleRnn} and
 * {@code LSTM} but no GRU. It reads {@code [examples, features, steps]} and returns
 * {@code [examples, units, steps]}, or with {@code returnSequences(false)} only the output after the last
 * step, {@code [examples, units]}, ready for a dense or output layer (DL4J's {@code LastTimeStep} wrapper
 * accepts only DL4J's own recurrent layers).
 *
 * <pre>{@code
 * .layer(new Gru.Builder().nOut(64).returnSequences(false).build())
 * }</pre>
 *
 * <p>At each step, from input {@code x} and the previous output {@code h} (parameters named as here,
 * e.g. {@code Wxr}, {@code Whr}, {@code br}): a reset gate
 * {@code r = sigmoid(x Wxr + h Whr + br)} and an update gate {@code u = sigmoid(x Wxu + h Whu + bu)}, a
 * candidate {@code c = tanh(x Wxc + r * (h Whc) + bc)}, and the new output {@code h' = u * h + (1 - u) * c}:
 * where {@code u} is near 1 the unit keeps its memory. Three gates' worth of weights, so
 * {@code 3 * units * (inputs + units + 1)} parameters against an LSTM's four. The state starts at zero.
 *
 * <p>The steps are unrolled into a SameDiff graph of plain operations (matrix products, sigmoid, tanh),
 * whose gradients DL4J derives; so the number of steps is fixed when the network is built, and the layer
 * runs slower than DL4J's native {@code LSTM}. DL4J saves and loads it with the network.
 */
public class Gru extends SequenceLayer {

    private static final String INPUT_WEIGHTS = "Wx";
    private static final String RECURRENT_WEIGHTS = "Wh";
    private static final String BIAS = "b";
    /** Reset, update and candidate: parameters Wxr, Whr, br, Wxu, ... */
    private static final List<String> GATES = List.of("r", "u", "c");

    private long nIn;
    private long nOut;
    private int steps;
    private boolean returnSequences = true;

    /** For DL4J's JSON loading; use {@link Builder}. */
    protected Gru() {
    }

    private Gru(Builder builder) {
        super(builder);
        this.nIn = builder.nIn;
        this.nOut = builder.nOut;
        this.returnSequences = builder.returnSequences;
        if (nOut <= 0) {
            throw new IllegalArgumentException("Gru: nOut (the number of units) must be positive, got " + nOut
                    + "; e.g. new Gru.Builder().nOut(64).build()");
        }
    }

    /** The number of inputs per step (set from the previous layer when the network is built). */
    public long getNIn() {
        return nIn;
    }

    /** The number of units: outputs per step. */
    public long getNOut() {
        return nOut;
    }

    /** Whether the layer returns its output at every step (true) or only after the last one. */
    public boolean isReturnSequences() {
        return returnSequences;
    }

    /** The number of steps the layer unrolls, set from its input type. */
    public int getSteps() {
        return steps;
    }

    // Setters for DL4J's JSON loading.

    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    public void setNOut(long nOut) {
        this.nOut = nOut;
    }

    public void setSteps(int steps) {
        this.steps = steps;
    }

    public void setReturnSequences(boolean returnSequences) {
        this.returnSequences = returnSequences;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent recurrent = sequence(inputType);
        if (!returnSequences) {
            return InputType.feedForward(nOut);
        }
        return InputType.recurrent(nOut, recurrent.getTimeSeriesLength(), RNNFormat.NCW);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeRecurrent recurrent = sequence(inputType);
        if (nIn <= 0 || override) {
            nIn = recurrent.getSize();
        }
        steps = (int) recurrent.getTimeSeriesLength();
        if (steps == 1) {
            throw new IllegalArgumentException("Gru (layer '" + getLayerName() + "') got sequences of 1 step; a "
                    + "recurrent layer needs at least 2 (for single values use a DenseLayer)");
        }
        if (steps <= 0) {
            throw new IllegalArgumentException("Gru (layer '" + getLayerName() + "') needs sequences of a known number "
                    + "of steps, got " + inputType + "; set it with .setInputType(InputType.recurrent(features, steps)) "
                    + "or EmbeddingSequenceLayer.Builder().inputLength(steps)");
        }
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        for (String gate : GATES) {
            params.addWeightParam(INPUT_WEIGHTS + gate, nIn, nOut);
            params.addWeightParam(RECURRENT_WEIGHTS + gate, nOut, nOut);
            params.addBiasParam(BIAS + gate, 1, nOut);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            WeightInitXavier xavier = new WeightInitXavier();
            for (String gate : GATES) {
                INDArray input = params.get(INPUT_WEIGHTS + gate);
                xavier.init(nIn, nOut, input.shape(), 'c', input);
                INDArray recurrent = params.get(RECURRENT_WEIGHTS + gate);
                xavier.init(nOut, nOut, recurrent.shape(), 'c', recurrent);
                params.get(BIAS + gate).assign(0);
            }
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable[] inputs = sd.unstack(input, 2, steps); // one [examples, features] array per step
        SDVariable h = null;
        SDVariable[] outputs = new SDVariable[steps];
        for (int t = 0; t < steps; t++) {
            SDVariable x = inputs[t];
            SDVariable c;
            if (h == null) { // the state starts at zero: no recurrent term, nothing to reset
                SDVariable u = sd.nn().sigmoid(x.mmul(params.get("Wxu")).add(params.get("bu")));
                c = sd.math().tanh(x.mmul(params.get("Wxc")).add(params.get("bc")));
                h = c.sub(u.mul(c));
            } else {
                SDVariable r = sd.nn().sigmoid(gate(params, "r", x, h));
                SDVariable u = sd.nn().sigmoid(gate(params, "u", x, h));
                SDVariable candidate = x.mmul(params.get("Wxc")).add(params.get("bc"))
                        .add(r.mul(h.mmul(params.get("Whc"))));
                c = sd.math().tanh(candidate);
                h = c.add(u.mul(h.sub(c)));
            }
            outputs[t] = h;
        }
        if (!returnSequences) {
            return h;
        }
        return sd.stack(2, outputs); // [examples, units, steps]
    }

    private static SDVariable gate(Map<String, SDVariable> params, String gate, SDVariable x, SDVariable h) {
        return x.mmul(params.get(INPUT_WEIGHTS + gate)).add(h.mmul(params.get(RECURRENT_WEIGHTS + gate)))
                .add(params.get(BIAS + gate));
    }

    /** Builds a {@link Gru}: {@code new Gru.Builder().nOut(64).build()}. */
    public static class Builder extends SameDiffLayer.Builder<Builder> {

        private long nIn;
        private long nOut;
        private boolean returnSequences = true;

        /** Inputs per step; usually left to {@code setInputType}. */
        public Builder nIn(long nIn) {
            this.nIn = nIn;
            return this;
        }

        /** The number of units (outputs per step). */
        public Builder nOut(long nOut) {
            this.nOut = nOut;
            return this;
        }

        /**
         * {@code true} (the default): the output at every step, for another recurrent layer or a per-step
         * output; {@code false}: only the output after the last step, for a classifier.
         */
        public Builder returnSequences(boolean returnSequences) {
            this.returnSequences = returnSequences;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Gru build() {
            return new Gru(this);
        }
    }
}
