package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageOpsTest {

    private static final double[][] IMAGE = {
            {1, 2, 3, 0},
            {4, 5, 6, 0},
            {7, 8, 9, 0}};

    @Test
    void convolveIsASlidingWeightedSumWithoutFlipping() {
        double[][] kernel = {{1, 0}, {0, -1}};
        double[][] out = ImageOps.convolve(IMAGE, kernel);
        // top-left: 1*1 + 2*0 + 4*0 + 5*(-1) = -4
        assertArrayEquals(new double[]{-4, -4, 3}, out[0]);
        assertArrayEquals(new double[]{-4, -4, 6}, out[1]);
        assertEquals(2, out.length);
    }

    @Test
    void maxPoolKeepsTheLargestOfEachBlock() {
        double[][] out = ImageOps.maxPool(IMAGE, 2);
        assertEquals(1, out.length);
        assertArrayEquals(new double[]{5, 6}, out[0]);
    }

    @Test
    void normalizeStretchesToZeroOne() {
        double[][] out = ImageOps.normalize(new double[][]{{-2, 0}, {2, 2}});
        assertArrayEquals(new double[]{0, 0.5}, out[0]);
        assertArrayEquals(new double[]{1, 1}, out[1]);
        assertArrayEquals(new double[]{0, 0}, ImageOps.normalize(new double[][]{{3, 3}})[0]);
    }

    @Test
    void resizeInterpolatesBetweenPixelCentres() {
        double[][] two = {{0, 1}, {2, 3}};
        double[][] four = ImageOps.resize(two, 4, 4);
        assertArrayEquals(new double[]{0, 0.25, 0.75, 1}, four[0], 1e-12);
        assertArrayEquals(new double[]{2, 2.25, 2.75, 3}, four[3], 1e-12);
        assertArrayEquals(new double[]{0.5, 0.75, 1.25, 1.5}, four[1], 1e-12);
        assertArrayEquals(two[1], ImageOps.resize(two, 2, 2)[1], 0.0, "the same size changes nothing");
        assertArrayEquals(new double[]{1.5}, ImageOps.resize(two, 1, 1)[0], 1e-12, "one pixel: the mean");
        assertThrows(IllegalArgumentException.class, () -> ImageOps.resize(two, 0, 3));
    }

    @Test
    void aShippedPhotoLoadsAsGreyValues() {
        double[][] camera = ImageOps.grey("images/camera.png", 64);
        assertEquals(64, camera.length);
        assertEquals(64, camera[0].length);
        double min = 1, max = 0;
        for (double[] row : camera) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertTrue(min >= 0 && max <= 1 && max - min > 0.5, "a real photo has contrast: " + min + ".." + max);
        double[][] chelsea = ImageOps.grey("images/chelsea.png", 90);
        assertEquals(90, chelsea[0].length, "the longer side is scaled to the size");
        assertEquals(60, chelsea.length);
    }

    @Test
    void badInputSaysWhatToChange() {
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> ImageOps.convolve(new double[][]{{1}}, new double[][]{{1, 1}, {1, 1}}));
        assertTrue(big.getMessage().contains("2x2 kernel does not fit in a 1x1 image"), big.getMessage());
        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class, () -> ImageOps.maxPool(IMAGE, 4));
        assertTrue(pool.getMessage().contains("pool size 4") && pool.getMessage().contains("(3)"), pool.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> ImageOps.normalize(new double[][]{{1, 2}, {3}}));
        assertTrue(ragged.getMessage().contains("row 1 has 1 pixels"), ragged.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> ImageOps.convolve(new double[0][], new double[][]{{1}}));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> ImageOps.grey("images/camera.png", 2));
        assertTrue(size.getMessage().contains("size 2"), size.getMessage());
    }
}
