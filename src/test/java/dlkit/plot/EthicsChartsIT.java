package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import dlkit.data.LabeledImages;

/** The saliency picture, which takes ND4J arrays (needs the native backend). */
class EthicsChartsIT {

    @Test
    void imagesAreShownNextToTheirSaliencyMaps() {
        byte[] pixels = new byte[2 * 4 * 4];
        pixels[5] = (byte) 255;
        LabeledImages images = new LabeledImages("tiny", 4, 4, pixels, new int[]{0, 1}, List.of("zero", "one"));
        BufferedImage picture = Plots.saliency(images, new int[]{0, 1},
                Nd4j.rand(DataType.FLOAT, 2, 16));
        assertTrue(picture.getWidth() > 4 * 96, "four tiles side by side");
        assertEquals(BufferedImage.TYPE_INT_RGB, picture.getType() == BufferedImage.TYPE_INT_ARGB
                ? BufferedImage.TYPE_INT_RGB : picture.getType());
        assertThrows(IllegalArgumentException.class, () -> Plots.saliency(images, new int[]{0},
                Nd4j.rand(DataType.FLOAT, 2, 16)));
    }
}
