package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import dlkit.data.LabeledImages;

/** The image grids drawn headless; filters and feature maps, which take ND4J arrays, are in ImageChartsIT. */
class ImageChartsTest {

    /** Six 8x8 images: image i has a bright square at column i; labels 0, 1, 2, 0, 1, 2. */
    static LabeledImages six() {
        byte[] pixels = new byte[6 * 64];
        for (int i = 0; i < 6; i++) {
            for (int r = 2; r < 6; r++) {
                pixels[i * 64 + r * 8 + i] = (byte) 255;
                pixels[i * 64 + r * 8 + i + 1] = (byte) 200;
            }
        }
        return new LabeledImages("shapes", 8, 8, pixels, new int[]{0, 1, 2, 0, 1, 2}, List.of("zero", "one", "two"));
    }

    /** Counts pixels that are not white, and pixels that are clearly red. */
    static int[] inks(BufferedImage image) {
        int nonWhite = 0;
        int red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                nonWhite += rgb != 0xFFFFFF ? 1 : 0;
                red += r > 180 && g < 80 && b < 80 ? 1 : 0;
            }
        }
        return new int[]{nonWhite, red};
    }

    @Test
    void aGridShowsEachImageEnlargedWithItsLabel() {
        BufferedImage grid = ImageCharts.grid(six(), new int[]{0, 1, 2, 3}, 2);

        // 8x8 images are enlarged 12 times to 96 pixels; two columns and two rows of cells.
        assertTrue(grid.getWidth() >= 2 * 96 && grid.getWidth() < 3 * 96, "width " + grid.getWidth());
        assertTrue(grid.getHeight() >= 2 * 96 && grid.getHeight() < 4 * 96, "height " + grid.getHeight());
        assertTrue(inks(grid)[0] > 4 * 96 * 96 / 2, "the black image backgrounds are drawn");
        assertEquals(0, inks(grid)[1], "no red without predictions");
        assertEquals(0xFFFFFF, grid.getRGB(0, 0) & 0xFFFFFF, "white background");
    }

    @Test
    void moreColumnsThanImagesMakeOneRow() {
        BufferedImage one = ImageCharts.grid(six(), new int[]{5}, 8);

        assertTrue(one.getWidth() < 2 * 96 + 60, "width " + one.getWidth());
        assertTrue(inks(one)[0] > 0);
    }

    @Test
    void misclassifiedImagesAreMarkedInRed() {
        BufferedImage right = ImageCharts.grid(six(), new int[]{0, 1, 2}, new int[]{0, 1, 2, 1, 1, 1}, 3);
        BufferedImage wrong = ImageCharts.grid(six(), new int[]{0, 1, 2}, new int[]{0, 2, 2, 0, 1, 2}, 3);

        assertEquals(0, inks(right)[1]);
        assertTrue(inks(wrong)[1] > 4 * 96, "a red frame and caption: " + inks(wrong)[1]);
        assertEquals(right.getWidth(), wrong.getWidth());
    }

    @Test
    void anyImagesCanBeShownWithCaptions() {
        double[][][] images = new double[3][10][12];
        images[1][5][6] = 1;

        BufferedImage grid = ImageCharts.gridOf(images, List.of("a", "", "c"), 3);
        BufferedImage titled = ImageCharts.gridOf("Reconstructions", images, List.of("a", "b", "c"), 1);

        assertTrue(grid.getWidth() >= 3 * 96, "12 pixels wide, enlarged 8 times: " + grid.getWidth());
        assertTrue(inks(grid)[0] > 3 * 80 * 96);
        assertTrue(titled.getHeight() > 3 * 80, "one column, three rows: " + titled.getHeight());
    }

    @Test
    void anIndexOutsideTheImagesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageCharts.grid(six(), new int[]{0, 6}, 2));
        assertTrue(e.getMessage().contains("image 6 is not in shapes, whose indices are 0..5"), e.getMessage());
    }

    @Test
    void noIndicesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageCharts.grid(six(), new int[0], 2));
        assertTrue(e.getMessage().contains("no indices"), e.getMessage());
    }

    @Test
    void predictionsMustCoverEveryImage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageCharts.grid(six(), new int[]{0, 1}, new int[]{0, 1}, 2));
        assertTrue(e.getMessage().contains("2 predictions for 6 images"), e.getMessage());
        assertTrue(e.getMessage().contains("one predicted class per image"), e.getMessage());
    }

    @Test
    void aPredictedClassOutOfRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageCharts.grid(six(), new int[]{0}, new int[]{3, 0, 0, 0, 0, 0}, 2));
        assertTrue(e.getMessage().contains("predicted class 3"), e.getMessage());
        assertTrue(e.getMessage().contains("argmax"), e.getMessage());
    }

    @Test
    void captionsMustMatchTheImages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageCharts.gridOf(new double[2][3][3], List.of("only one"), 2));
        assertTrue(e.getMessage().contains("1 captions for 2 images"), e.getMessage());
    }

    @Test
    void aNaNPixelIsNamed() {
        double[][][] images = new double[2][3][3];
        images[1][2][0] = Double.NaN;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageCharts.gridOf(images, List.of("", ""), 2));
        assertTrue(e.getMessage().contains("image 1 is NaN at row 2, column 0"), e.getMessage());
        assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
    }

    @Test
    void zeroColumnsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageCharts.grid(six(), new int[]{0}, 0));
        assertTrue(e.getMessage().contains("columns 0 must be positive"), e.getMessage());
    }

    @Test
    void noImagesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageCharts.gridOf(new double[0][][], List.of(), 2));
        assertFalse(e.getMessage().isBlank());
        assertTrue(e.getMessage().contains("no images"), e.getMessage());
    }
}
