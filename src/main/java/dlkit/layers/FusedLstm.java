package dlkit.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

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
 * An {@link LSTMHelper} for DL4J's {@code LSTM} layer, in place of the layer's loop over time steps in Java (a
 * dozen small operations and copies per step).
 *
 * <p>Inference runs the whole sequence as one libnd4j {@code lstmLayer} operation. Training runs a forward pass
 * of its own that keeps what the backward pass needs (the gates, the cell states and their tanh): the input's
 * product for all steps at once, then per step one small product, one tanh call for the four gates and loops in
 * Java. The backward pass carries only the two gradients that depend on the next step through a loop
 * ({@link #backpropGradient}); libnd4j's own {@code lstmLayer_bp} was measured slower than DL4J's loop and is
 * not used.
 *
 * <p>The weights stay DL4J's: the operation orders the four gate blocks as input gate, forget gate, cell
 * input, output gate, DL4J as cell input, forget gate, output gate, input gate, so the inference call hands
 * the operation reordered copies of the weights; training works in DL4J's order.
 *
 * <p>DL4J's layer runs its forward pass twice in a training step: once for the loss, and again at the start of
 * its backward pass (its own cache of the first is switched off in this release). The helper keeps what a
 * training forward pass computed, for the input it read, and hands it to the backward pass that follows on the
 * same input instead of computing it again.
 *
 * <p>Covered: float and double sequences without a mask, sigmoid gates, tanh activation, no peepholes (DL4J's
 * {@code LSTM}, not {@code GravesLSTM}), read forwards. Anything else returns {@code null} from the forward
 * pass and the layer computes it itself; the backward pass follows whichever forward pass ran.
 * Installed by {@link FastLayers}.
 */
final class FusedLstm implements LSTMHelper {

    /** For each of the operation's gate blocks (i, f, g, o), the block of DL4J's weights (g, f, o, i). */
    private static final int[] DL4J_BLOCK = {3, 1, 0, 2};

    private static final int TNS = 0;
    private static final int FORWARD = 0;
    private static final int TANH = 0;
    private static final int SIGMOID = 2;

    /**
     * What the backward pass needs from a training forward pass, all time-major and row-major
     * ({@code [steps * examples, width]}, row {@code t * examples + j}), so that each step's rows are one block
     * of memory for the loops.
     */
    private static final class FusedPass extends FwdPassReturn {
        /** The input, {@code [steps * examples, inputs]}. */
        INDArray x;
        /** The initial output followed by the outputs of every step, {@code [(steps + 1) * examples, units]}. */
        INDArray h;
        /** The initial cell state, {@code [examples, units]}. */
        INDArray c0;
        /**
         * The gates, {@code [steps * examples, 4 * units]} in DL4J's block order: tanh of the cell input g, then
         * for the forget, output and input gates tanh of half their pre-activation ({@link #sigmoid} of that is
         * the gate).
         */
        INDArray gates;
        /** The cell states of every step and their tanh, {@code [steps * examples, units]}. */
        INDArray cells;
        INDArray tanhCells;
        /** The layer's input this pass read (the same object, DL4J's {@code [examples, inputs, steps]}). */
        INDArray input;
    }

    /** The last training forward pass, until the backward pass on the same input takes it. */
    private FusedPass kept;
    /** How many forward passes this helper has computed (package-private, for tests). */
    int computed;

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
        if (forBackprop && kept != null && kept.input == input) {
            FusedPass pass = kept;
            kept = null;
            return pass;
        }
        kept = null;
        computed++;
        int units = (int) recurrentWeights.size(0);
        INDArray x3 = input.rank() == 2 ? input.reshape(input.size(0), input.size(1), 1) : input;
        long examples = x3.size(0);
        long inputs = x3.size(1);
        long steps = x3.size(2);
        // Time-major: each step's [examples, inputs] block is contiguous (the operation reads it several times
        // faster than from DL4J's [examples, inputs, steps]). What a backward pass reads later is placed with the
        // activations, which outlive the layer's working memory until the backward pass is done.
        boolean keep = forBackprop || training;
        INDArray timeMajor = x3.permute(2, 0, 1);
        INDArray x = keep ? workspaceMgr.dup(ArrayType.ACTIVATIONS, timeMajor, 'c') : timeMajor.dup('c');
        INDArray h0 = prevOutputActivations.dup('c');
        INDArray c0 = keep ? workspaceMgr.dup(ArrayType.ACTIVATIONS, prevMemCellState, 'c') : prevMemCellState.dup('c');
        INDArray h = workspaceMgr.create(ArrayType.ACTIVATIONS, type, new long[] {steps + 1, examples, units}, 'c');
        h.get(point(0), all(), all()).assign(h0);
        INDArray out = h.get(interval(1, steps + 1), all(), all());
        INDArray wr = recurrentWeights.get(all(), interval(0, 4 * units));
        FwdPassReturn result;
        if (keep) {
            FusedPass pass = new FusedPass();
            pass.x = x.reshape(steps * examples, inputs);
            pass.h = h.reshape((steps + 1) * examples, units);
            pass.c0 = c0;
            pass.input = input;
            trainingForward(pass, inputWeights, wr, biases.reshape(1, 4L * units), workspaceMgr);
            long lastRows = (steps - 1) * examples;
            result = pass;
            result.lastAct = out.get(point(steps - 1), all(), all()).dup();
            result.lastMemCell = pass.cells.get(interval(lastRows, lastRows + examples), all()).dup();
            if (training && !forBackprop) {
                kept = pass;
            }
        } else {
            result = new FwdPassReturn();
            result.lastAct = Nd4j.create(type, examples, units);
            result.lastMemCell = Nd4j.create(type, examples, units);
            Nd4j.exec(DynamicCustomOp.builder("lstmLayer")
                    .addInputs(x, toOperationOrder(inputWeights, units), toOperationOrder(wr, units),
                            toOperationOrder(biases.reshape(1, 4L * units), units).reshape(4L * units), h0, c0)
                    .addOutputs(out, result.lastAct, result.lastMemCell)
                    .addIntegerArguments(TNS, FORWARD, SIGMOID, TANH, TANH)
                    .addFloatingPointArguments(0.0)
                    .addBooleanArguments(true, false, true, true, false, true, true, true)
                    .build());
        }
        result.fwdPassOutput = out.permute(1, 2, 0);   // DL4J's [examples, units, steps]
        return result;
    }

    /**
     * The forward pass of training, into {@code pass}: the input's share of every gate by one matrix product for
     * all steps; per step the recurrent share (a small product), one tanh call for the step's four gate blocks,
     * and in Java the cell state {@code c = f * c' + i * g} and output {@code h = o * tanh(c)}, tanh of the cell
     * state by one call in between. Sigmoid gates come from the same tanh call,
     * {@code sigmoid(a) = (1 + tanh(a / 2)) / 2}, their halves taken by products with halved weights (exact).
     */
    private static void trainingForward(FusedPass pass, INDArray inputWeights, INDArray recurrentWeights,
            INDArray bias, LayerWorkspaceMgr workspaceMgr) {
        int n = (int) pass.c0.size(0);
        int units = (int) pass.c0.size(1);
        int rows = (int) pass.x.size(0);
        int steps = rows / n;
        int width = 4 * units;
        DataType type = pass.x.dataType();
        pass.gates = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, type, new long[] {rows, width}, 'c');
        pass.cells = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, type, new long[] {rows, units}, 'c');
        pass.tanhCells = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, type, new long[] {rows, units}, 'c');
        Nd4j.gemm(pass.x, halveSigmoidBlocks(inputWeights, units), pass.gates, false, false, 1.0, 0.0);
        pass.gates.addiRowVector(halveSigmoidBlocks(bias, units));
        INDArray halfRecurrent = halveSigmoidBlocks(recurrentWeights, units);
        Elements gates = Elements.of(pass.gates);
        Elements cells = Elements.of(pass.cells);
        Elements tanhCells = Elements.of(pass.tanhCells);
        Elements outputs = Elements.of(pass.h);
        Elements initial = Elements.of(pass.c0);
        for (int t = 0; t < steps; t++) {
            INDArray stepGates = step(pass.gates, t, n);
            Nd4j.gemm(step(pass.h, t, n), halfRecurrent, stepGates, false, false, 1.0, 1.0);
            tanh(stepGates, stepGates);
            for (int j = 0; j < n; j++) {
                int row = t * n + j;
                for (int u = 0; u < units; u++) {
                    int at = row * units + u;       // [row, unit] of a [rows, units] array
                    int gate = row * width + u;     // the same in block g of a [rows, 4 * units] array
                    double previous = t == 0 ? initial.get(at) : cells.get(at - n * units);
                    cells.set(at, sigmoid(gates.get(gate + units)) * previous
                            + sigmoid(gates.get(gate + 3 * units)) * gates.get(gate));
                }
            }
            tanh(step(pass.cells, t, n), step(pass.tanhCells, t, n));
            for (int j = 0; j < n; j++) {
                int row = t * n + j;
                for (int u = 0; u < units; u++) {
                    outputs.set((row + n) * units + u, sigmoid(gates.get(row * width + 2 * units + u))
                            * tanhCells.get(row * units + u));
                }
            }
        }
    }

    /**
     * Backpropagation through time from what the training forward pass kept, with the per-step work cut to
     * what is sequential: the gradients run through the steps in Java, with one small matrix product per step,
     * and the weight and input gradients are three matrix products over all steps at the end.
     */
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
        int n = (int) pass.c0.size(0);
        int units = (int) pass.c0.size(1);
        int rows = (int) pass.x.size(0);
        int steps = rows / n;
        int width = 4 * units;
        INDArray wr = recurrentWeights.get(all(), interval(0, width));
        INDArray hPrev = pass.h.get(interval(0, rows), all());

        DataType type = pass.x.dataType();
        Elements gates = Elements.of(pass.gates);
        Elements cells = Elements.of(pass.cells);
        Elements initial = Elements.of(pass.c0);

        // Back through time: dh[t] = dL/dh[t] + dz[t+1] Wr^T (a matrix product), then in Java
        // dc[t] = dh[t] * o * (1 - tanh^2 c) + dc[t+1] * f[t+1], and the four gate gradients of dz[t].
        INDArray outputGrad = Nd4j.createUninitialized(type, new long[] {rows, units}, 'c');
        INDArray epsilon3 = epsilon.rank() == 2 ? epsilon.reshape(epsilon.size(0), epsilon.size(1), 1) : epsilon;
        outputGrad.reshape(steps, n, units).assign(epsilon3.permute(2, 0, 1));
        INDArray dz = Nd4j.createUninitialized(type, new long[] {rows, width}, 'c');
        Elements dh = Elements.of(outputGrad);
        Elements tanhCells = Elements.of(pass.tanhCells);
        Elements gateGrads = Elements.of(dz);
        double[] dc = new double[n * units];
        for (int t = steps - 1; t >= 0; t--) {
            boolean last = t == steps - 1;
            if (!last) {
                Nd4j.gemm(step(dz, t + 1, n), wr, step(outputGrad, t, n), false, true, 1.0, 1.0);
            }
            for (int j = 0; j < n; j++) {
                int row = t * n + j;
                for (int u = 0; u < units; u++) {
                    int at = row * units + u;       // [row, unit] of a [rows, units] array
                    int gate = row * width + u;     // the same in block g of a [rows, 4 * units] array
                    double gt = gates.get(gate);
                    double ft = sigmoid(gates.get(gate + units));
                    double ot = sigmoid(gates.get(gate + 2 * units));
                    double it = sigmoid(gates.get(gate + 3 * units));
                    double tc = tanhCells.get(at);
                    double dht = dh.get(at);
                    double dct = dht * ot * (1 - tc * tc)
                            + (last ? 0.0 : dc[j * units + u] * sigmoid(gates.get(gate + n * width + units)));
                    dc[j * units + u] = dct;
                    double cPrev = t == 0 ? initial.get(at) : cells.get(at - n * units);
                    gateGrads.set(gate, dct * it * (1 - gt * gt));
                    gateGrads.set(gate + units, dct * cPrev * ft * (1 - ft));
                    gateGrads.set(gate + 2 * units, dht * tc * ot * (1 - ot));
                    gateGrads.set(gate + 3 * units, dct * gt * it * (1 - it));
                }
            }
        }

        INDArray inputWeightGrad = gradientViews.get(inputWeightKey);
        INDArray recurrentWeightGrad = gradientViews.get(recurrentWeightKey);
        INDArray biasGrad = gradientViews.get(biasWeightKey);
        // Weight gradients as dz^T x into the transposed (row-major) view of DL4J's column-major gradient
        // arrays: the same numbers, faster than x^T dz into the arrays themselves.
        Nd4j.gemm(dz, pass.x, inputWeightGrad.transpose(), true, false, 1.0, 0.0);
        Nd4j.gemm(dz, hPrev, recurrentWeightGrad.get(all(), interval(0, width)).transpose(), true, false, 1.0, 0.0);
        Nd4j.gemm(Nd4j.ones(type, rows, 1), dz, biasGrad.reshape(1, width), true, false, 1.0, 0.0);   // sums
        long inputs = inputWeights.size(0);
        INDArray inputGradTimeMajor = Nd4j.createUninitialized(type, new long[] {rows, inputs}, 'c');
        Nd4j.gemm(dz, inputWeights, inputGradTimeMajor, false, true, 1.0, 0.0);
        INDArray inputGrad = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, type, new long[] {n, inputs, steps}, 'c');
        inputGrad.assign(inputGradTimeMajor.reshape(steps, n, inputs).permute(1, 2, 0));

        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(inputWeightKey, inputWeightGrad);
        gradient.gradientForVariable().put(recurrentWeightKey, recurrentWeightGrad);
        gradient.gradientForVariable().put(biasWeightKey, biasGrad);
        return new Pair<>(gradient, input.rank() == 2 ? inputGrad.reshape(input.shape()) : inputGrad);
    }

    /** A copy of {@code [rows, 4 * units]} weights in DL4J's gate order with the three sigmoid blocks halved. */
    private static INDArray halveSigmoidBlocks(INDArray weights, int units) {
        INDArray halved = weights.dup('f');
        halved.get(all(), interval(units, 4L * units)).muli(0.5);
        return halved;
    }

    /** The sigmoid of {@code a} from {@code tanh(a / 2)}. */
    private static double sigmoid(double tanhHalf) {
        return 0.5 + 0.5 * tanhHalf;
    }

    /** tanh by libnd4j's operation, which runs on oneDNN where ND4J's onednn build is loaded (several times faster). */
    private static void tanh(INDArray in, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("tanh").addInputs(in).addOutputs(out).build());
    }

    /** Step {@code t}'s rows of a time-major {@code [steps * examples, width]} array. */
    private static INDArray step(INDArray timeMajor, int t, int examples) {
        return timeMajor.get(interval((long) t * examples, (long) (t + 1) * examples), all());
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

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }
}
