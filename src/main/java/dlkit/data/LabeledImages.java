package dlkit.data;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Grey-scale images with one class label each, e.g. the 60,000 MNIST training digits. Pixels are held
 * as bytes (0-255) and become arrays scaled to [0, 1] only when a network needs them.
 */
public final class LabeledImages {

    private final String name;
    private final int rows;
    private final int cols;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classes;

    /**
     * @param name    what the images are, e.g. "MNIST train"
     * @param pixels  {@code count * rows * cols} bytes, image after image, row by row
     * @param labels  one class index per image, each in {@code [0, classes.size())}
     * @param classes the class names, index by index
     * @throws IllegalArgumentException when the sizes disagree or a label is out of range
     */
    public LabeledImages(String name, int rows, int cols, byte[] pixels, int[] labels, List<String> classes) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(name + ": image size " + rows + "x" + cols + " must be positive");
        }
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but " + pixels.length
                    + " pixels, which is " + (pixels.length / (double) (rows * cols)) + " images of " + rows + "x" + cols
                    + "; pair each images file with its own labels file");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes.size()) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i
                        + " is outside the " + classes.size() + " classes 0.." + (classes.size() - 1)
                        + "; pass the class names of this dataset");
            }
        }
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
        this.labels = labels;
        this.classes = List.copyOf(classes);
    }

    public String name() {
        return name;
    }

    /** The number of images. */
    public int count() {
        return labels.length;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The class names, index by index. */
    public List<String> classes() {
        return classes;
    }

    /** The class index of image {@code i}. */
    public int label(int i) {
        checkIndex(i);
        return labels[i];
    }

    /** All class indices, image by image (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** Image {@code i} as rows of pixel values in [0, 1], for looking at. */
    public double[][] image(int i) {
        checkIndex(i);
        double[][] image = new double[rows][cols];
        int offset = i * rows * cols;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                image[r][c] = (pixels[offset + r * cols + c] & 0xFF) / 255.0;
            }
        }
        return image;
    }

    /** The first {@code n} images (all of them when there are fewer), e.g. a quick-mode subset. */
    public LabeledImages first(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException(name + ": first(" + n + ") needs a positive count");
        }
        int k = Math.min(n, count());
        return new LabeledImages(name + " (first " + k + ")", rows, cols,
                Arrays.copyOf(pixels, k * rows * cols), Arrays.copyOf(labels, k), classes);
    }

    /**
     * The images from index {@code from} (included) to {@code to} (excluded), e.g. a validation part taken
     * after the training part: {@code train.range(5_000, 6_000)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= from < to <= count()}
     */
    public LabeledImages range(int from, int to) {
        if (from < 0 || from >= to || to > count()) {
            throw new IllegalArgumentException(name + ": range(" + from + ", " + to + ") is not inside its " + count()
                    + " images; give 0 <= from < to <= " + count());
        }
        int size = rows * cols;
        return new LabeledImages(name + " [" + from + ", " + to + ")", rows, cols,
                Arrays.copyOfRange(pixels, from * size, to * size), Arrays.copyOfRange(labels, from, to), classes);
    }

    /** The pixels as a {@code [count, rows*cols]} float array scaled to [0, 1]: one image per row. */
    public INDArray features() {
        float[] scaled = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            scaled[i] = (pixels[i] & 0xFF) / 255f;
        }
        return Nd4j.create(scaled, new long[]{count(), (long) rows * cols}, DataType.FLOAT);
    }

    /** The labels one-hot encoded, a {@code [count, classes]} float array. */
    public INDArray oneHotLabels() {
        float[] oneHot = new float[count() * classes.size()];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * classes.size() + labels[i]] = 1f;
        }
        return Nd4j.create(oneHot, new long[]{count(), classes.size()}, DataType.FLOAT);
    }

    /** Features and one-hot labels together, as DL4J trains on them. */
    public DataSet toDataSet() {
        return new DataSet(features(), oneHotLabels());
    }

    /** Mini-batches of {@code batchSize} images in file order (MNIST's files are already shuffled). */
    public DataSetIterator iterator(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException(name + ": batch size " + batchSize + " must be positive, e.g. 64");
        }
        return new ViewIterator(toDataSet(), batchSize);
    }

    @Override
    public String toString() {
        return name + ": " + count() + " images of " + rows + "x" + cols + ", " + classes.size() + " classes";
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count()) {
            throw new IndexOutOfBoundsException(name + ": image " + i + " does not exist; indices are 0.." + (count() - 1));
        }
    }
}
