package dlkit.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.FwdPassReturn;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An {@link LSTMHelper} for DL4J's {@code LSTM} layer that runs the whole sequence as one libnd4j
 * {@code lstmLayer} operation forward and one {@code lstmLayer_bp} backward, instead of the layer's loop over
 * time steps in Java (a dozen small operations and copies per step).
 *
 * <p>The weights stay DL4J's: the operation orders the four gate blocks as input gate, forget gate, cell
 * input, output gate, DL4J as cell input, forget gate, output gate, input gate, so each call hands the
 * operation reordered copies of the weights and writes the gradients back in DL4J's order.
 *
 * <p>Covered: float and double sequences without a mask, sigmoid gates, tanh activation, no peepholes (DL4J's
 * {@code LSTM}, not {@code GravesLSTM}), read forwards. Anything else returns {@code null} from the forward
 * pass and the layer computes it itself; the backward pass follows whichever forward pass ran.
 * Installed by {@link FastLayers}.
 */
final class FusedLstm implements LSTMHelper {

    /** For each of the operation's gate blocks (i, f, g, o), the block of DL4J's weights (g, f, o, i). */
    private static final int[] DL4J_BLOCK = {3, 1, 0, 2};

    private static final int NST = 2;
    private static final int FORWARD = 0;
    private static final int TANH = 0;
    private static final int SIGMOID = 2;

    /** What the backward pass needs from the forward pass: the operation's inputs. */
    private static final class FusedPass extends FwdPassReturn {
        INDArray x;
        INDArray wx;
        INDArray wr;
        INDArray b;
        INDArray h0;
        INDArray c0;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public boolean checkSupported(IActivation gateActivationFn, IActivation activationFn,
            boolean hasPeepholeConnections) {
        return gateActivationFn instanceof ActivationSigmoid && activationFn instanceof ActivationTanH
                && !hasPeepholeConnections;
    }

    @Override
    public FwdPassReturn activate(Layer layer, NeuralNetConfiguration conf, IActivation gateActivationFn,
            INDArray input, INDArray recurrentWeights, INDArray inputWeights, INDArray biases, boolean training,
            INDArray prevOutputActivations, INDArray prevMemCellState, boolean forBackprop, boolean forwards,
            String inputWeightKey, INDArray maskArray, boolean hasPeepholeConnections,
            LayerWorkspaceMgr workspaceMgr) {
        IActivation activation = ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getLayer()).getActivationFn();
        DataType type = inputWeights.dataType();
        if (maskArray != null || !forwards || input.dataType() != type
                || (type != DataType.FLOAT && type != DataType.DOUBLE)
                || !checkSupported(gateActivationFn, activation, hasPeepholeConnections)) {
            return null;
        }
        int units = (int) recurrentWeights.size(0);
        INDArray x = (input.rank() == 2 ? input.reshape(input.size(0), input.size(1), 1) : input).dup('c');
        long examples = x.size(0);
        long steps = x.size(2);

        FusedPass pass = new FusedPass();
        pass.x = x;
        pass.wx = toOperationOrder(inputWeights, units);
        pass.wr = toOperationOrder(recurrentWeights.get(all(), interval(0, 4 * units)), units);
        pass.b = toOperationOrder(biases.reshape(1, 4L * units), units).reshape(4L * units);
        pass.h0 = prevOutputActivations.dup('c');
        pass.c0 = prevMemCellState.dup('c');

        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, type, new long[] {examples, units, steps},
                'c');
        INDArray lastH = Nd4j.create(type, examples, units);
        INDArray lastC = Nd4j.create(type, examples, units);
        Nd4j.exec(DynamicCustomOp.builder("lstmLayer")
                .addInputs(pass.x, pass.wx, pass.wr, pass.b, pass.h0, pass.c0)
                .addOutputs(out, lastH, lastC)
                .addIntegerArguments(NST, FORWARD, SIGMOID, TANH, TANH)
                .addFloatingPointArguments(0.0)
                .addBooleanArguments(true, false, true, true, false, true, true, true)
                .build());
        pass.fwdPassOutput = out;
        pass.lastAct = lastH;
        pass.lastMemCell = lastC;
        if (forBackprop) {
            return pass;
        }
        FwdPassReturn result = new FwdPassReturn();
        result.fwdPassOutput = out;
        result.lastAct = lastH;
        result.lastMemCell = lastC;
        return result;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(NeuralNetConfiguration conf, IActivation gateActivationFn,
            INDArray input, INDArray recurrentWeights, INDArray inputWeights, INDArray epsilon,
            boolean truncatedBPTT, int tbpttBackwardLength, FwdPassReturn fwdPass, boolean forwards,
            String inputWeightKey, String recurrentWeightKey, String biasWeightKey,
            Map<String, INDArray> gradientViews, INDArray maskArray, boolean hasPeepholeConnections,
            LayerWorkspaceMgr workspaceMgr) {
        if (!(fwdPass instanceof FusedPass pass) || truncatedBPTT) {
            return null;
        }
        int units = (int) recurrentWeights.size(0);
        INDArray outputGrad = (epsilon.rank() == 2 ? epsilon.reshape(epsilon.size(0), epsilon.size(1), 1) : epsilon)
                .dup('c');
        INDArray inputGrad = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, pass.x.dataType(), pass.x.shape(), 'c');
        INDArray wxGrad = Nd4j.create(pass.x.dataType(), pass.wx.shape());
        INDArray wrGrad = Nd4j.create(pass.x.dataType(), pass.wr.shape());
        INDArray bGrad = Nd4j.create(pass.x.dataType(), pass.b.shape());
        INDArray h0Grad = Nd4j.create(pass.x.dataType(), pass.h0.shape());
        INDArray c0Grad = Nd4j.create(pass.x.dataType(), pass.c0.shape());
        Nd4j.exec(DynamicCustomOp.builder("lstmLayer_bp")
                .addInputs(pass.x, pass.wx, pass.wr, pass.b, pass.h0, pass.c0, outputGrad)
                .addOutputs(inputGrad, wxGrad, wrGrad, bGrad, h0Grad, c0Grad)
                .addIntegerArguments(NST, FORWARD, SIGMOID, TANH, TANH)
                .addFloatingPointArguments(0.0)
                .addBooleanArguments(true, false, true, true, false, true, false, false)
                .build());

        INDArray inputWeightGrad = gradientViews.get(inputWeightKey);
        INDArray recurrentWeightGrad = gradientViews.get(recurrentWeightKey);
        INDArray biasGrad = gradientViews.get(biasWeightKey);
        toDl4jOrder(wxGrad, inputWeightGrad, units);
        toDl4jOrder(wrGrad, recurrentWeightGrad.get(all(), interval(0, 4 * units)), units);
        toDl4jOrder(bGrad.reshape(1, 4L * units), biasGrad.reshape(1, 4L * units), units);

        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(inputWeightKey, inputWeightGrad);
        gradient.gradientForVariable().put(recurrentWeightKey, recurrentWeightGrad);
        gradient.gradientForVariable().put(biasWeightKey, biasGrad);
        INDArray result = input.rank() == 2 ? inputGrad.reshape(input.shape()) : inputGrad;
        return new Pair<>(gradient, result);
    }

    /** DL4J's {@code [rows, 4 * units]} gate blocks copied into the operation's order. */
    static INDArray toOperationOrder(INDArray dl4j, int units) {
        INDArray ordered = Nd4j.createUninitialized(dl4j.dataType(), dl4j.size(0), 4L * units);
        for (int block = 0; block < 4; block++) {
            ordered.get(all(), interval(block * units, (block + 1) * units))
                    .assign(dl4j.get(all(), interval(DL4J_BLOCK[block] * units, (DL4J_BLOCK[block] + 1) * units)));
        }
        return ordered;
    }

    /** The operation's gate blocks written into DL4J's order, in place. */
    static void toDl4jOrder(INDArray ordered, INDArray dl4j, int units) {
        for (int block = 0; block < 4; block++) {
            dl4j.get(all(), interval(DL4J_BLOCK[block] * units, (DL4J_BLOCK[block] + 1) * units))
                    .assign(ordered.get(all(), interval(block * units, (block + 1) * units)));
        }
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }
}
