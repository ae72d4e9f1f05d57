package dlkit.data;

import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The geometry and the seeding, on plain arrays; the ND4J side is in AugmenterIT. */
class AugmenterTest {

    /** A 7x7 image with one bright pixel at (2, 1): asymmetric, so every change shows. */
    static double[][] dot() {
        double[][] image = new double[7][7];
        image[2][1] = 1;
        return image;
    }

    /** A 7x7 image with a bright off-centre bar. */
    static double[][] bar() {
        double[][] image = new double[7][7];
        for (int c = 1; c < 4; c++) {
            image[1][c] = 1;
        }
        return image;
    }

    private static double[][] mirror(double[][] image) {
        double[][] out = new double[image.length][];
        for (int r = 0; r < image.length; r++) {
            out[r] = new double[image[r].length];
            for (int c = 0; c < image[r].length; c++) {
                out[r][c] = image[r][image[r].length - 1 - c];
            }
        }
        return out;
    }

    private static boolean same(double[][] a, double[][] b) {
        return Arrays.deepEquals(a, b);
    }

    @Test
    void withNothingEnabledImagesStayAsTheyAre() {
        double[][][] out = Augmenter.of(1).augment(new double[][][]{bar(), dot()});

        assertTrue(same(bar(), out[0]));
        assertTrue(same(dot(), out[1]));
    }

    @Test
    void aFlipMirrorsAboutHalfTheImages() {
        double[][][] samples = Augmenter.of(3).flip(true).samples(bar(), 40);

        int flipped = 0;
        for (double[][] sample : samples) {
            boolean mirrored = same(mirror(bar()), sample);
            assertTrue(mirrored || same(bar(), sample), "each sample is the image or its mirror");
            flipped += mirrored ? 1 : 0;
        }
        assertTrue(flipped > 8 && flipped < 32, "flipped " + flipped + " of 40");
    }

    @Test
    void aShiftMovesWholePixelsAndFillsWithZeros() {
        for (double[][] sample : Augmenter.of(5).shift(1).samples(dot(), 20)) {
            double total = Arrays.stream(sample).flatMapToDouble(Arrays::stream).sum();
            assertEquals(1, total, 1e-9, "the dot moves, nothing is blurred");
            int where = -1;
            for (int r = 0; r < 7; r++) {
                for (int c = 0; c < 7; c++) {
                    if (sample[r][c] == 1) {
                        where = r * 7 + c;
                    }
                }
            }
            int r = where / 7;
            int c = where % 7;
            assertTrue(Math.abs(r - 2) <= 1 && Math.abs(c - 1) <= 1, "dot at " + r + "," + c);
        }
    }

    @Test
    void aShiftPastTheEdgeLeavesBlack() {
        double[][] edge = new double[3][3];
        edge[0][0] = 1;

        boolean lost = false;
        for (double[][] sample : Augmenter.of(2).shift(2).samples(edge, 30)) {
            lost |= Arrays.stream(sample).flatMapToDouble(Arrays::stream).sum() == 0;
        }
        assertTrue(lost, "some shift moves the corner pixel out of the image");
    }

    @Test
    void aRotationBy180TurnsTheImageAroundItsCentre() {
        // rotate(180) draws angles from [-180, 180]; the sample nearest 180 is close to the turned image.
        double[][][] samples = Augmenter.of(11).rotate(180).samples(dot(), 200);
        double best = Double.MAX_VALUE;
        for (double[][] sample : samples) {
            best = Math.min(best, 1 - sample[4][5]);
        }
        assertTrue(best < 0.1, "some rotation by nearly 180 degrees moves (2,1) to (4,5): " + best);
    }

    @Test
    void aZoomKeepsTheCentreAndScalesAroundIt() {
        double[][] centre = new double[5][5];
        centre[2][2] = 1;

        for (double[][] sample : Augmenter.of(4).zoom(0.3).samples(centre, 10)) {
            assertTrue(sample[2][2] > 0.99, "the centre pixel stays where it is");
        }
    }

    @Test
    void theSameSeedGivesTheSameImagesAndAnotherSeedOthers() {
        Augmenter augmenter = Augmenter.of(42).flip(true).rotate(15).shift(1).zoom(0.1);

        double[][][] one = augmenter.samples(bar(), 6);
        double[][][] two = Augmenter.of(42).flip(true).rotate(15).shift(1).zoom(0.1).samples(bar(), 6);
        double[][][] other = Augmenter.of(43).flip(true).rotate(15).shift(1).zoom(0.1).samples(bar(), 6);

        assertTrue(Arrays.deepEquals(one, two));
        assertFalse(Arrays.deepEquals(one, other));
        assertFalse(same(one[0], one[1]), "samples differ from each other");
    }

    @Test
    void augmentingLeavesTheInputAlone() {
        double[][] image = bar();

        Augmenter.of(1).rotate(30).augment(new double[][][]{image});

        assertArrayEquals(bar()[1], image[1]);
    }

    @Test
    void describesItsSettings() {
        assertEquals("Augmenter(seed 7, flip false, rotate ±15.0°, shift ±2 px, zoom ±0.1)",
                Augmenter.of(7).rotate(15).shift(2).zoom(0.1).toString());
    }

    @Test
    void aRotationBeyond180IsRefused() {
        assertFails(IllegalArgumentException.class, () -> Augmenter.of(1).rotate(200),
                "rotate(200.0)", "between 0 and 180", "e.g. 15");
    }

    @Test
    void aNegativeShiftIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Augmenter.of(1).shift(-2), "shift(-2)", "0 or more", "e.g. 2");
    }

    @Test
    void aZoomOfOneOrMoreIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Augmenter.of(1).zoom(1.0), "zoom(1.0)", "below 1",
                "e.g. 0.1");
    }

    @Test
    void aSampleCountOfZeroIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Augmenter.of(1).samples(bar(), 0), "count 0",
                "positive");
    }

    @Test
    void aRaggedImageIsRefused() {
        double[][] ragged = {{1, 2}, {3}};

        assertFails(IllegalArgumentException.class, () -> Augmenter.of(1).augment(new double[][][]{bar(), ragged}),
                "row 1 of image 1 has 1 pixels", "same length");
    }
}
