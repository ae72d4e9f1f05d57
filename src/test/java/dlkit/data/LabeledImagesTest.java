package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class LabeledImagesTest {

    static final List<String> CLASSES = List.of("zero", "one", "two");

    /** Three 2x2 images: image i holds the pixels 4i..4i+3, except that the last pixel is 255; labels 2, 0, 1. */
    static LabeledImages three() {
        byte[] pixels = new byte[12];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        pixels[11] = (byte) 255;
        return new LabeledImages("tiny", 2, 2, pixels, new int[]{2, 0, 1}, CLASSES);
    }

    @Test
    void holdsWhatItWasGiven() {
        LabeledImages images = three();

        assertEquals(3, images.count());
        assertEquals(2, images.rows());
        assertEquals(2, images.cols());
        assertEquals(CLASSES, images.classes());
        assertEquals(2, images.label(0));
        assertArrayEquals(new int[]{2, 0, 1}, images.labels());
        assertEquals("tiny: 3 images of 2x2, 3 classes", images.toString());
    }

    @Test
    void labelsAreACopy() {
        LabeledImages images = three();
        images.labels()[0] = 1;

        assertEquals(2, images.label(0));
    }

    @Test
    void pixelsAndLabelsMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages("odd", 2, 2, new byte[12], new int[]{0, 1}, CLASSES));
        assertTrue(e.getMessage().contains("2 labels but 12 pixels"), e.getMessage());
        assertTrue(e.getMessage().contains("3.0 images of 2x2"), e.getMessage());
        assertTrue(e.getMessage().contains("its own labels file"), e.getMessage());
    }

    @Test
    void theImageSizeMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages("flat", 0, 2, new byte[0], new int[0], CLASSES));
        assertTrue(e.getMessage().contains("0x2"), e.getMessage());
    }

    @Test
    void aLabelOutOfRangeIsNamedWithItsImage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages("bad", 1, 1, new byte[3], new int[]{0, 1, 3}, CLASSES));
        assertTrue(e.getMessage().contains("label 3 of image 2"), e.getMessage());
        assertTrue(e.getMessage().contains("0..2"), e.getMessage());
    }

    @Test
    void aNegativeLabelIsOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages("bad", 1, 1, new byte[1], new int[]{-1}, CLASSES));
        assertTrue(e.getMessage().contains("label -1 of image 0"), e.getMessage());
    }

    @Test
    void firstTakesAPrefix() {
        LabeledImages two = three().first(2);

        assertEquals(2, two.count());
        assertArrayEquals(new int[]{2, 0}, two.labels());
        assertEquals(7 / 255.0, two.image(1)[1][1], 1e-12);
        assertEquals("tiny (first 2)", two.name());
    }

    @Test
    void rangeTakesTheImagesBetweenTwoIndices() {
        LabeledImages last = three().range(1, 3);

        assertEquals(2, last.count());
        assertArrayEquals(new int[]{0, 1}, last.labels());
        assertEquals(4 / 255.0, last.image(0)[0][0], 1e-12);
        assertEquals(1.0, last.image(1)[1][1], 1e-12);
        assertEquals("tiny [1, 3)", last.name());
        assertEquals(CLASSES, last.classes());
    }

    @Test
    void rangeMustLieInsideTheImages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> three().range(2, 4));
        assertEquals("tiny: range(2, 4) is not inside its 3 images; give 0 <= from < to <= 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> three().range(1, 1));
        assertThrows(IllegalArgumentException.class, () -> three().range(-1, 2));
    }

    @Test
    void firstOfMoreThanThereAreTakesAll() {
        LabeledImages all = three().first(100);

        assertEquals(3, all.count());
        assertEquals(1.0, all.image(2)[1][1]);
    }

    @Test
    void firstNeedsAPositiveCount() {
        assertThrows(IllegalArgumentException.class, () -> three().first(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> three().first(0));
        assertTrue(e.getMessage().contains("first(0)"), e.getMessage());
    }

    @Test
    void anImageIsScaledToUnitRangeRowByRow() {
        double[][] image = three().image(2);

        assertArrayEquals(new double[]{8 / 255.0, 9 / 255.0}, image[0], 1e-12);
        assertArrayEquals(new double[]{10 / 255.0, 1.0}, image[1], 1e-12);
    }

    @Test
    void imagesOutsideTheSetDoNotExist() {
        LabeledImages images = three();

        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> images.image(3));
        assertTrue(e.getMessage().contains("image 3 does not exist; indices are 0..2"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> images.image(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> images.label(3));
    }

    @Test
    void aBatchSizeMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> three().iterator(0));
        assertTrue(e.getMessage().contains("batch size 0"), e.getMessage());
    }
}
