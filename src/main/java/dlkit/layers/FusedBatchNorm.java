package dlkit.layers;

import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * DL4J's own batch-normalization helper for the CPU (the {@code batchnorm} and {@code batchnorm_bp}
 * operations, oneDNN's on the {@code onednn} builds), which this release of DL4J never switches on: its
 * support check looks for a class ND4J 1.0.0-M2.1 does not have. Covers float inputs with learned scale and
 * shift; doubles and a locked gamma/beta stay on the layer's own path. Installed by {@link FastLayers}.
 */
final class FusedBatchNorm extends MKLDNNBatchNormHelper {

    FusedBatchNorm() {
        super(DataType.FLOAT);
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }
}
