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

    @Test
    void contributionsShowOnlyWhatPushedTowardsTheClass() {
        byte[] pixels = new byte[2 * 4 * 4];
        LabeledImages images = new LabeledImages("tiny", 4, 4, pixels, new int[]{0, 1}, List.of("zero", "one"));
        int[] both = {0, 1};
        BufferedImage negative = Plots.contributions(images, both, Nd4j.rand(DataType.FLOAT, 2, 16).negi());
        BufferedImage otherNegative = Plots.contributions(images, both, Nd4j.rand(DataType.FLOAT, 2, 16).muli(-5));
        BufferedImage positive = Plots.contributions(images, both, Nd4j.rand(DataType.FLOAT, 2, 16));
        assertTrue(same(negative, otherNegative), "contributions that pushed away are all drawn dark");
        assertTrue(!same(negative, positive), "those that pushed towards the class are drawn");
        assertThrows(IllegalArgumentException.class, () -> Plots.contributions(images, new int[]{0}, null));
    }

    private static boolean same(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }
}
