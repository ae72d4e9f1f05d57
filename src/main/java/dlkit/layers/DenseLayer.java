package dlkit.layers;

import java.nio.FloatBuffer;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense layer without the work its training step repeats or throws away. DL4J's own layer computes its
 * pre-activation twice per training step (the activation overwrites it in the forward pass, so the backward
 * pass multiplies again), and computes the gradient of its input even where nobody reads it: for the first
 * layer, {@code MultiLayerNetwork.computeGradientAndScore} drops it. This one keeps the pre-activation of a
 * training forward pass for the backward pass on the same input, and leaves out that input gradient.
 *
 * <p>Named as DL4J's layer, so that a network's {@code summary()} reads the same with it; package-private, so
 * that it never stands in the way of DL4J's {@code DenseLayer} in a learner's code.
 *
 * <p>It also computes faster what it computes: the forward product straight into the layer's row-major output
 * ({@link #product}; DL4J's computes a column-major one and copies it over), sigmoid and tanh by
 * {@link FastActivations}, the weight gradient into the transposed view of its column-major array. Results agree
 * with DL4J's own layer within float rounding (the products sum in another order), and to 1e-12 in double
 * precision. Covered: no layer normalization, no weight noise; those run DL4J's own code throughout. Put in place
 * of DL4J's layer by {@link FastLayers}, with the same configuration, parameters and gradient arrays.
 */
class DenseLayer extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {

    private static final StackWalker STACK = StackWalker.getInstance();

    /** Whether this is the network's first layer, with no input preprocessor (set by {@link FastLayers}). */
    final boolean first;
    /** The pre-activation of the last training forward pass, until the backward pass on the same input. */
    private INDArray keptPreOutput;
    private INDArray keptInput;
    /** Backward passes that used a kept pre-activation, and those that left out the input gradient (for tests). */
    int fromKept;
    int inputGradientsLeftOut;

    DenseLayer(NeuralNetConfiguration conf, DataType dataType, boolean first) {
        super(conf, dataType);
        this.first = first;
    }

    private boolean covered() {
        return !hasLayerNorm() && layerConf().getWeightNoise() == null;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
            LayerWorkspaceMgr workspaceMgr) {
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (!covered() || !fits(input, weights)) {
            return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
        }
        assertInputSet(forBackprop);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray z = product(input, weights, hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null, workspaceMgr);
        if (maskArray != null) {
            applyMask(z);
        }
        return new Pair<>(z, z);
    }

    /** Whether a dense or output layer's input fits its weights (else DL4J's own code says what is wrong). */
    static boolean fits(INDArray input, INDArray weights) {
        return input != null && input.rank() == 2 && input.size(1) == weights.size(0);
    }

    /**
     * A dense or output layer's pre-activation {@code input x weights + bias}, the product written straight
     * into a row-major array of the activations workspace.
     */
    static INDArray product(INDArray input, INDArray weights, INDArray bias, LayerWorkspaceMgr workspaceMgr) {
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(), input.size(0),
                weights.size(1));
        Nd4j.gemm(input.castTo(weights.dataType()), weights, z, false, false, 1.0, 0.0);
        if (bias != null) {
            addBias(z, bias);
        }
        return z;
    }

    /**
     * Adds the bias to every row of a row-major pre-activation, for floats in chunks of rows copied to a Java
     * array (which the JIT turns into vector instructions; libnd4j's broadcast add takes about twice as long).
     */
    private static void addBias(INDArray z, INDArray bias) {
        FloatBuffer values = Elements.floats(z);
        if (values == null || z.ordering() != 'c' || bias.dataType() != DataType.FLOAT) {
            z.addiRowVector(bias);
            return;
        }
        float[] b = bias.toFloatVector();
        int columns = b.length;
        int rows = (int) z.size(0);
        int rowsPerChunk = Math.max(1, 4096 / columns);
        float[] chunk = new float[rowsPerChunk * columns];
        for (int first = 0; first < rows; first += rowsPerChunk) {
            int count = Math.min(rowsPerChunk, rows - first) * columns;
            values.get(first * columns, chunk, 0, count);
            for (int i = 0; i < count; i += columns) {
                for (int j = 0; j < columns; j++) {
                    chunk[i + j] += b[j];
                }
            }
            values.put(first * columns, chunk, 0, count);
        }
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        keptPreOutput = null;
        keptInput = null;
        if (!covered()) {
            return super.activate(training, workspaceMgr);
        }
        INDArray z = preOutput(training, workspaceMgr);
        if (training) {
            // The activation works in place: it gets a copy, the backward pass the pre-activation.
            keptPreOutput = z;
            keptInput = input;
            z = workspaceMgr.dup(ArrayType.ACTIVATIONS, z);
        }
        INDArray output = FastActivations.forward(layerConf().getActivationFn(), z, training);
        if (maskArray != null) {
            applyMask(output);
        }
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray z = keptPreOutput;
        boolean kept = z != null && keptInput == input;
        keptPreOutput = null;
        keptInput = null;
        if (!kept || !covered()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        fromKept++;
        INDArray delta = FastActivations.backward(layerConf().getActivationFn(), z, epsilon);
        if (maskArray != null) {
            applyMask(delta);
        }
        Gradient gradient = new DefaultGradient();
        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGrad, 0);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        }
        INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray epsilonNext = null;
        if (!(first && inputGradientDropped())) {
            epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {weights.size(0), delta.size(0)}, 'f');
            epsilonNext = weights.mmuli(delta.transpose(), epsilonNext).transpose();
        } else {
            inputGradientsLeftOut++;
        }
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        // delta^T input into the transposed (row-major) view: the same numbers as DL4J's input^T delta, faster.
        Nd4j.gemm(delta, input.castTo(weightGrad.dataType()), weightGrad.transpose(), true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        weightNoiseParams.clear();
        return new Pair<>(gradient, epsilonNext == null ? null : backpropDropOutIfPresent(epsilonNext));
    }

    /**
     * Whether the backward pass running now is {@code MultiLayerNetwork.computeGradientAndScore}'s, which drops
     * the gradient of the network's input (it calls {@code calcBackpropGradients} with
     * {@code returnInputActGrad} false); every other caller (e.g. {@code backpropGradient}, which saliency maps
     * use) gets it.
     */
    static boolean inputGradientDropped() {
        String network = MultiLayerNetwork.class.getName();
        return STACK.walk(frames -> {
            var calls = frames.filter(f -> f.getClassName().equals(network)).limit(2).toList();
            return calls.size() == 2 && calls.get(0).getMethodName().equals("calcBackpropGradients")
                    && calls.get(1).getMethodName().equals("computeGradientAndScore");
        });
    }
}
