package dlkit.layers;

import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * DL4J's own pooling helper for the CPU ({@code maxpool2d}/{@code avgpool2d} and their gradients as single
 * libnd4j operations, oneDNN's on the {@code onednn} builds), which this release of DL4J never switches on:
 * its support check looks for a class ND4J 1.0.0-M2.1 does not have. Max and average pooling are covered;
 * sum and p-norm pooling return {@code null} in both directions, and the layer computes them itself.
 * Installed by {@link FastLayers}.
 */
final class FusedPooling extends MKLDNNSubsamplingHelper {

    FusedPooling() {
        super(DataType.FLOAT);
    }

    @Override
    public boolean checkSupported() {
        return true;
    }
}
