package dlkit.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's output layer without its repeated matrix product: in a training step
 * ({@code MultiLayerNetwork.computeGradientAndScore}) DL4J's own layer computes its pre-activation for the
 * backward pass and then again for the loss. This one keeps a copy from the backward pass and hands it to the
 * loss that follows on the same input, and writes the product straight into a row-major array, as
 * {@link DenseLayer} does (results within float rounding of DL4J's). Not covered: weight noise. Put in place of
 * DL4J's layer by {@link FastLayers}; named as DL4J's layer, so that a network's {@code summary()} reads the same
 * with it.
 */
class OutputLayer extends org.deeplearning4j.nn.layers.OutputLayer {

    /** Set while the backward pass runs: its pre-activation is kept for the loss. */
    private boolean keeping;
    /** Set while the loss is computed: a kept pre-activation is used. */
    private boolean scoring;
    /** The kept pre-activation, outside DL4J's workspaces (those of the backward pass close before the loss). */
    private INDArray kept;
    /** The input it was computed for, until the loss takes it. */
    private INDArray keptInput;
    /** Losses computed from a kept pre-activation (for tests). */
    int scoresFromKept;

    OutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (layerConf().getWeightNoise() != null) {
            return super.activate(training, workspaceMgr);
        }
        INDArray output = FastActivations.forward(layerConf().getActivationFn(), preOutput(training, workspaceMgr), training);
        if (maskArray != null) {
            applyMask(output);
        }
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        keptInput = null;
        keeping = layerConf().getWeightNoise() == null;
        IActivation own = withFastActivation();
        try {
            return super.backpropGradient(epsilon, workspaceMgr);
        } finally {
            keeping = false;
            layerConf().setActivationFn(own);
        }
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        scoring = true;
        IActivation own = withFastActivation();
        try {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        } finally {
            scoring = false;
            keptInput = null;
            layerConf().setActivationFn(own);
        }
    }

    /**
     * Lets the loss, which DL4J hands the layer configuration's activation, compute a sigmoid or tanh by
     * {@link FastActivations} until the caller puts the returned activation back (in a {@code finally}).
     */
    private IActivation withFastActivation() {
        IActivation own = layerConf().getActivationFn();
        layerConf().setActivationFn(FastActivations.of(own));
        return own;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
            LayerWorkspaceMgr workspaceMgr) {
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (layerConf().getWeightNoise() != null || hasLayerNorm() || !DenseLayer.fits(input, weights)) {
            return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
        }
        assertInputSet(forBackprop);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray bias = hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null;
        INDArray z = DenseLayer.product(input, weights, bias, workspaceMgr);
        if (maskArray != null) {
            applyMask(z);
        }
        return new Pair<>(z, z);
    }

    @Override
    protected INDArray preOutput2d(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (scoring && training && keptInput != null && keptInput == input) {
            keptInput = null;
            scoresFromKept++;
            return kept;
        }
        INDArray z = super.preOutput2d(training, workspaceMgr);
        if (keeping && training) {
            kept = FastLayers.keepCopy(kept, z);
            keptInput = input;
        }
        return z;
    }
}
