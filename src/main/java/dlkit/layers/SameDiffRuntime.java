package dlkit.layers;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime of the course's SameDiff layers ({@link Gru}, {@link AttentionPooling}, {@link Positions},
 * {@link TransformerBlock}), with two fixes.
 *
 * <p>DL4J 1.0.0-M2.1's SameDiff layers apply the error from the layer above twice, so every gradient
 * they compute, for their parameters and for the layers below, comes out doubled (a gradient check of
 * any SameDiff layer, even a plain dense one, shows it). This runtime halves the error on the way in;
 * the layers' gradient checks (GruIT, AttentionPoolingIT) fail if a future DL4J fixes the doubling and the
 * halving must go. And the first backward pass, which defines the gradient graph, makes SameDiff print a
 * line per operation to standard output (hundreds for a long sequence): that output is dropped.
 */
final class SameDiffRuntime extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

    private boolean gradientsDefined;

    private SameDiffRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** What {@code SameDiffLayer.instantiate} does, with this runtime. */
    static org.deeplearning4j.nn.api.Layer instantiate(SameDiffLayer layer, NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int layerIndex,
                                                       INDArray paramsView, boolean initializeParams,
                                                       DataType networkDataType) {
        SameDiffRuntime runtime = new SameDiffRuntime(conf, networkDataType);
        runtime.setIndex(layerIndex);
        runtime.setParamsViewArray(paramsView);
        runtime.setParamTable(layer.initializer().init(conf, paramsView, initializeParams));
        runtime.setConf(conf);
        runtime.setListeners(listeners);
        return runtime;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (gradientsDefined) {
            return super.backpropGradient(epsilon.mul(0.5), workspaceMgr);
        }
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return super.backpropGradient(epsilon.mul(0.5), workspaceMgr);
        } finally {
            System.setOut(out);
            gradientsDefined = true;
        }
    }
}
