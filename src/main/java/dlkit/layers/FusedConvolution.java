package dlkit.layers;

import java.util.Map;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link ConvolutionHelper} for DL4J's {@code ConvolutionLayer} that runs the forward and backward pass as
 * libnd4j's fused {@code conv2d} and {@code conv2d_bp} operations (oneDNN's convolutions on the
 * {@code onednn} builds of ND4J) instead of the layer's own im2col in Java followed by a matrix product.
 * Same weights, same layout ({@code [out, in, kH, kW]}), same results within float rounding.
 *
 * <p>Float and double NCHW convolutions in {@code Truncate}, {@code Strict} or {@code Same} mode are covered; anything
 * else (half precision, NHWC, causal mode) is handed back to the layer by returning {@code null}, consistently in
 * both directions, so that the layer's own path computes it. Installed by {@link FastLayers}.
 *
 * <p>DL4J's layer computes the convolution twice in a training step: in the forward pass, and again at the
 * start of the backward pass, because the activation overwrote the first result. The helper keeps a copy of a
 * training forward pass's result and hands it to the backward pass's request for the same input (only to that:
 * a forward pass computes afresh, since the weights may have changed in between, as in a gradient check).
 */
final class FusedConvolution implements ConvolutionHelper {

    private static final int NCHW = 0;
    private static final int WEIGHTS_OUT_IN_H_W = 1;
    private static final StackWalker STACK = StackWalker.getInstance();

    /** The input and result of the last convolution computed, until the layer's activation takes the result. */
    private INDArray lastInput;
    private INDArray lastOutput;
    /** A copy of a training forward pass's result (outside DL4J's workspaces, reused), for its input. */
    private INDArray kept;
    private INDArray keptInput;
    /** Convolutions handed over from a training forward pass instead of computed again (for tests). */
    int fromKept;

    @Override
    public boolean checkSupported() {
        return true;
    }

    static boolean covers(INDArray input, INDArray weights, ConvolutionMode mode, CNN2DFormat format) {
        return (input.dataType() == DataType.FLOAT || input.dataType() == DataType.DOUBLE)
                && weights.dataType() == input.dataType() && format == CNN2DFormat.NCHW
                && mode != ConvolutionMode.Causal;
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides,
            int[] pad, ConvolutionLayer.AlgoMode algoMode, ConvolutionLayer.FwdAlgo fwdAlgo,
            ConvolutionMode mode, int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!covers(input, weights, mode, format)) {
            return null;
        }
        if (keptInput != null && keptInput == input && forBackward()) {
            keptInput = null;
            fromKept++;
            return kept;
        }
        keptInput = null;
        int[] outSize = ConvolutionUtils.getOutputSize(input, kernel, strides,
                mode == ConvolutionMode.Same ? null : pad, mode, dilation, format);
        int[] padding = mode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(outSize,
                        new int[] {(int) input.size(2), (int) input.size(3)}, kernel, strides, dilation)
                : pad;
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(),
                input.size(0), weights.size(0), outSize[0], outSize[1]);
        INDArray[] inputs = bias == null ? new INDArray[] {input, weights}
                : new INDArray[] {input, weights, bias.reshape(bias.length())};
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(inputs).addOutputs(out)
                .addIntegerArguments(arguments(kernel, strides, padding, dilation, mode)).build());
        lastInput = input;
        lastOutput = out;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias,
            INDArray delta, int[] kernel, int[] strides, int[] pad, INDArray biasGradView,
            INDArray weightGradView, IActivation afn, ConvolutionLayer.AlgoMode algoMode,
            ConvolutionLayer.BwdFilterAlgo bwdFilterAlgo, ConvolutionLayer.BwdDataAlgo bwdDataAlgo,
            ConvolutionMode mode, int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!covers(input, weights, mode, format)) {
            return null;
        }
        int[] padding = mode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(new int[] {(int) delta.size(2), (int) delta.size(3)},
                        new int[] {(int) input.size(2), (int) input.size(3)}, kernel, strides, dilation)
                : pad;
        INDArray inputGrad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape());
        boolean withBias = bias != null;
        INDArray[] inputs = withBias ? new INDArray[] {input, weights, bias.reshape(bias.length()), delta}
                : new INDArray[] {input, weights, delta};
        INDArray[] outputs = withBias
                ? new INDArray[] {inputGrad, weightGradView, biasGradView.reshape(biasGradView.length())}
                : new INDArray[] {inputGrad, weightGradView};
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(inputs).addOutputs(outputs)
                .addIntegerArguments(arguments(kernel, strides, padding, dilation, mode)).build());

        Gradient gradient = new DefaultGradient();
        if (withBias) {
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(gradient, inputGrad);
    }

    /** Whether the layer asks for its convolution at the start of its backward pass. */
    private static boolean forBackward() {
        String layer = org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class.getName();
        return STACK.walk(frames -> frames.limit(8)
                .anyMatch(f -> f.getClassName().equals(layer) && f.getMethodName().equals("backpropGradient")));
    }

    private static int[] arguments(int[] kernel, int[] strides, int[] pad, int[] dilation, ConvolutionMode mode) {
        return new int[] {kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], dilation[0], dilation[1],
                mode == ConvolutionMode.Same ? 1 : 0, NCHW, WEIGHTS_OUT_IN_H_W};
    }

    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        if (training && z == lastOutput) {
            kept = FastLayers.keepCopy(kept, z);
            keptInput = lastInput;
        }
        lastInput = null;
        lastOutput = null;
        return FastActivations.forward(afn, z, training);
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }
}
