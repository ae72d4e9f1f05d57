package dlkit.data;

import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random, label-preserving changes to images, so that a network sees a slightly different digit every
 * epoch and learns the shape rather than the pixels: a horizontal flip, a rotation, a shift and a zoom,
 * each drawn anew for every image.
 *
 * <pre>{@code
 * Augmenter augmenter = Augmenter.of(42).rotate(15).shift(2).zoom(0.1);
 * DataSetIterator train = augmenter.augmenting(mnist.train().iterator(64), 28, 28);
 * }</pre>
 *
 * <p>Each image is flipped left-right (when enabled, with probability 1/2), zoomed by a factor drawn from
 * {@code [1 - zoom, 1 + zoom]}, rotated by an angle from {@code [-degrees, +degrees]} and shifted by whole
 * pixels from {@code [-shift, +shift]} in each direction, all about the image's centre. Pixels are
 * interpolated bilinearly; those that come from outside the image are 0 (black background, as MNIST's).
 * Do not flip digits (a flipped 2 is no 2); flipping suits clothes or photos.
 *
 * <p>Randomness comes from the seed alone: {@link #augment(INDArray, int, int)} of the same images with
 * the same settings gives the same result every time; {@link #augmenting} draws from one generator seeded
 * once, so each epoch differs from the last while a whole run repeats exactly. Settings return a new
 * augmenter; an augmenter is immutable.
 */
public final class Augmenter {

    private final long seed;
    private final boolean flip;
    private final double degrees;
    private final int shift;
    private final double zoom;

    private Augmenter(long seed, boolean flip, double degrees, int shift, double zoom) {
        this.seed = seed;
        this.flip = flip;
        this.degrees = degrees;
        this.shift = shift;
        this.zoom = zoom;
    }

    /** An augmenter that changes nothing yet, drawing its random numbers from {@code seed}. */
    public static Augmenter of(long seed) {
        return new Augmenter(seed, false, 0, 0, 0);
    }

    /** Whether to flip half of the images left-right. */
    public Augmenter flip(boolean enabled) {
        return new Augmenter(seed, enabled, degrees, shift, zoom);
    }

    /** Rotate by up to {@code degrees} either way, 0 to 180 (e.g. 15). */
    public Augmenter rotate(double degrees) {
        if (!(degrees >= 0 && degrees <= 180)) {
            throw new IllegalArgumentException("rotate(" + degrees + "): the largest rotation must be between 0 and "
                    + "180 degrees, e.g. 15");
        }
        return new Augmenter(seed, flip, degrees, shift, zoom);
    }

    /** Shift by up to {@code pixels} whole pixels in each direction (e.g. 2 on 28x28 digits). */
    public Augmenter shift(int pixels) {
        if (pixels < 0) {
            throw new IllegalArgumentException("shift(" + pixels + "): the largest shift must be 0 or more pixels, "
                    + "e.g. 2");
        }
        return new Augmenter(seed, flip, degrees, pixels, zoom);
    }

    /** Zoom in or out by up to {@code fraction} of the size, 0 to below 1 (e.g. 0.1 for 90 % to 110 %). */
    public Augmenter zoom(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("zoom(" + fraction + "): the largest zoom must be at least 0 and "
                    + "below 1, a fraction of the size, e.g. 0.1");
        }
        return new Augmenter(seed, flip, degrees, shift, fraction);
    }

    /**
     * The images changed at random; labels are unaffected, so they need no change.
     *
     * @param features one image per row, {@code [n, channels * rows * cols]} (as
     *                 {@link LabeledImages#features()}), or {@code [n, channels, rows, cols]}
     * @return a new array of the same shape and data type
     * @throws IllegalArgumentException when the shape does not hold images of {@code rows x cols}
     */
    public INDArray augment(INDArray features, int rows, int cols) {
        return augment(features, rows, cols, new Random(seed));
    }

    /** Each of {@code images} (rows of pixel values) changed at random; see {@link #augment(INDArray, int, int)}. */
    public double[][][] augment(double[][][] images) {
        Random random = new Random(seed);
        double[][][] out = new double[images.length][][];
        for (int i = 0; i < images.length; i++) {
            out[i] = augmentImage(images[i], random, i);
        }
        return out;
    }

    /**
     * {@code count} random versions of one image, e.g. to look at what the augmenter does to a digit.
     *
     * @throws IllegalArgumentException when {@code count} is not positive
     */
    public double[][][] samples(double[][] image, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("samples: count " + count + " must be positive, e.g. 8");
        }
        Random random = new Random(seed);
        double[][][] out = new double[count][][];
        for (int i = 0; i < count; i++) {
            out[i] = augmentImage(image, random, 0);
        }
        return out;
    }

    /**
     * The batches of {@code base}, their features augmented (labels and masks as they were), drawing from
     * one generator seeded with this augmenter's seed: every epoch sees new versions of the images. Use it
     * for training only; evaluate on the plain images.
     */
    public DataSetIterator augmenting(DataSetIterator base, int rows, int cols) {
        checkSize(rows, cols);
        return new AugmentingIterator(this, base, rows, cols);
    }

    @Override
    public String toString() {
        return "Augmenter(seed " + seed + ", flip " + flip + ", rotate ±" + degrees + "°, shift ±" + shift
                + " px, zoom ±" + zoom + ")";
    }

    INDArray augment(INDArray features, int rows, int cols, Random random) {
        checkSize(rows, cols);
        long[] shape = features.shape();
        long pixels = (long) rows * cols;
        boolean flat = features.rank() == 2 && shape[1] % pixels == 0 && shape[1] > 0;
        boolean images = features.rank() == 4 && shape[2] == rows && shape[3] == cols;
        if (!flat && !images) {
            throw new IllegalArgumentException("augment: features of shape " + java.util.Arrays.toString(shape)
                    + " are not images of " + rows + "x" + cols + "; pass [n, " + pixels + "] (one flat image per row, "
                    + "as LabeledImages.features()) or [n, channels, " + rows + ", " + cols + "], with the right "
                    + "rows and cols");
        }
        int n = (int) shape[0];
        int channels = (int) (flat ? shape[1] / pixels : shape[1]);
        float[] source = Nd4j.toFlattened('c', features.castTo(DataType.FLOAT)).toFloatVector();
        float[] target = new float[source.length];
        int size = channels * rows * cols;
        for (int i = 0; i < n; i++) {
            Transform t = draw(random);
            for (int c = 0; c < channels; c++) {
                t.apply(source, target, i * size + c * rows * cols, rows, cols);
            }
        }
        return Nd4j.create(target, shape, DataType.FLOAT).castTo(features.dataType());
    }

    private double[][] augmentImage(double[][] image, Random random, int number) {
        if (image == null || image.length == 0 || image[0].length == 0) {
            throw new IllegalArgumentException("augment: image " + number + " is empty; pass rows of pixel values, "
                    + "e.g. images.image(0)");
        }
        int rows = image.length;
        int cols = image[0].length;
        float[] source = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            if (image[r].length != cols) {
                throw new IllegalArgumentException("augment: row " + r + " of image " + number + " has "
                        + image[r].length + " pixels, row 0 has " + cols + "; every row needs the same length");
            }
            for (int c = 0; c < cols; c++) {
                source[r * cols + c] = (float) image[r][c];
            }
        }
        float[] target = new float[source.length];
        draw(random).apply(source, target, 0, rows, cols);
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = target[r * cols + c];
            }
        }
        return out;
    }

    /** The random changes for one image; every draw is made even when disabled, to keep the sequence fixed. */
    private Transform draw(Random random) {
        boolean flipped = random.nextBoolean() && flip;
        double angle = Math.toRadians((2 * random.nextDouble() - 1) * degrees);
        double scale = 1 + (2 * random.nextDouble() - 1) * zoom;
        int dx = random.nextInt(2 * shift + 1) - shift;
        int dy = random.nextInt(2 * shift + 1) - shift;
        return new Transform(flipped, angle, scale, dx, dy);
    }

    private static void checkSize(int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("augment: image size " + rows + "x" + cols + " must be positive, "
                    + "e.g. 28, 28 for MNIST");
        }
    }

    /** Flip, zoom, rotate, then shift, about the centre; applied by mapping each target pixel back to its source. */
    private record Transform(boolean flip, double angle, double scale, int dx, int dy) {

        void apply(float[] source, float[] target, int offset, int rows, int cols) {
            double cy = (rows - 1) / 2.0;
            double cx = (cols - 1) / 2.0;
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    // Undo the shift, the rotation and the zoom, in reverse order, then the flip.
                    double x = c - cx - dx;
                    double y = r - cy - dy;
                    double sx = (cos * x + sin * y) / scale;
                    double sy = (-sin * x + cos * y) / scale;
                    if (flip) {
                        sx = -sx;
                    }
                    target[offset + r * cols + c] = bilinear(source, offset, rows, cols, sy + cy, sx + cx);
                }
            }
        }

        private static float bilinear(float[] source, int offset, int rows, int cols, double y, double x) {
            int y0 = (int) Math.floor(y);
            int x0 = (int) Math.floor(x);
            double fy = y - y0;
            double fx = x - x0;
            double value = (1 - fy) * ((1 - fx) * pixel(source, offset, rows, cols, y0, x0)
                    + fx * pixel(source, offset, rows, cols, y0, x0 + 1))
                    + fy * ((1 - fx) * pixel(source, offset, rows, cols, y0 + 1, x0)
                    + fx * pixel(source, offset, rows, cols, y0 + 1, x0 + 1));
            return (float) value;
        }

        private static float pixel(float[] source, int offset, int rows, int cols, int r, int c) {
            return r < 0 || c < 0 || r >= rows || c >= cols ? 0f : source[offset + r * cols + c];
        }
    }

    /** The iterator behind {@link #augmenting}. */
    private static final class AugmentingIterator extends BatchIterator {

        private static final long serialVersionUID = 1L;

        private final transient Augmenter augmenter;
        private final DataSetIterator base;
        private final int rows;
        private final int cols;
        private final transient Random random;

        AugmentingIterator(Augmenter augmenter, DataSetIterator base, int rows, int cols) {
            this.augmenter = augmenter;
            this.base = base;
            this.rows = rows;
            this.cols = cols;
            this.random = new Random(augmenter.seed);
        }

        @Override
        public boolean hasNext() {
            return base.hasNext();
        }

        @Override
        public DataSet next() {
            return augmented(base.next());   // the base's own batches: some iterators refuse next(int)
        }

        @Override
        public DataSet next(int num) {
            return augmented(base.next(num));
        }

        private DataSet augmented(DataSet batch) {
            return preprocessed(new DataSet(augmenter.augment(batch.getFeatures(), rows, cols, random),
                    batch.getLabels(), batch.getFeaturesMaskArray(), batch.getLabelsMaskArray()));
        }

        @Override
        public int inputColumns() {
            return base.inputColumns();
        }

        @Override
        public int totalOutcomes() {
            return base.totalOutcomes();
        }

        @Override
        public boolean resetSupported() {
            return base.resetSupported();
        }

        @Override
        public void reset() {
            base.reset();
        }

        @Override
        public int batch() {
            return base.batch();
        }

        @Override
        public List<String> getLabels() {
            return base.getLabels();
        }
    }
}
