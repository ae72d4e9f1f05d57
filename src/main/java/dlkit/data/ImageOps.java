package dlkit.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * What a convolutional layer does, written out on plain arrays so that it can be looked at: a photo as
 * grey values, a filter slid over it ({@link #convolve}), and max pooling ({@link #maxPool}). DL4J's
 * {@code ConvolutionLayer} computes the same (a cross-correlation: the filter is not flipped).
 */
public final class ImageOps {

    private ImageOps() {
    }

    /**
     * A shipped photo (e.g. {@code images/camera.png}) as grey values in [0, 1], scaled so that its longer
     * side is {@code size} pixels.
     */
    public static double[][] grey(String relative, int size) {
        if (size < 4) {
            throw new IllegalArgumentException("grey: size " + size + " is too small to see anything; use e.g. 128");
        }
        Path file = Datasets.path(relative);
        BufferedImage photo;
        try {
            photo = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the image " + file, e);
        }
        if (photo == null) {
            throw new IllegalArgumentException(relative + " is not an image Java can read (PNG, JPEG, GIF or BMP)");
        }
        double scale = size / (double) Math.max(photo.getWidth(), photo.getHeight());
        int w = Math.max(1, (int) Math.round(photo.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(photo.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, 0, 0, w, h, null);
        g.dispose();
        double[][] grey = new double[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                grey[y][x] = (small.getRaster().getSample(x, y, 0)) / 255.0;
            }
        }
        return grey;
    }

    /**
     * Slides {@code kernel} over {@code image} without padding ("valid"), stride 1: each output pixel is the
     * sum of the kernel times the patch under it. The output is smaller by the kernel's size minus one.
     */
    public static double[][] convolve(double[][] image, double[][] kernel) {
        checkImage("convolve", image);
        checkImage("convolve (kernel)", kernel);
        int kh = kernel.length;
        int kw = kernel[0].length;
        int oh = image.length - kh + 1;
        int ow = image[0].length - kw + 1;
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("convolve: a " + kh + "x" + kw + " kernel does not fit in a "
                    + image.length + "x" + image[0].length + " image; use a smaller kernel or a larger image");
        }
        double[][] out = new double[oh][ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double sum = 0;
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        sum += image[y + i][x + j] * kernel[i][j];
                    }
                }
                out[y][x] = sum;
            }
        }
        return out;
    }

    /** Keeps the largest value of each {@code size}x{@code size} block (stride {@code size}; a ragged edge is dropped). */
    public static double[][] maxPool(double[][] image, int size) {
        checkImage("maxPool", image);
        if (size < 1 || size > image.length || size > image[0].length) {
            throw new IllegalArgumentException("maxPool: pool size " + size + " must be between 1 and the image's "
                    + "smaller side (" + Math.min(image.length, image[0].length) + "); 2 is usual");
        }
        int oh = image.length / size;
        int ow = image[0].length / size;
        double[][] out = new double[oh][ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < size; i++) {
                    for (int j = 0; j < size; j++) {
                        max = Math.max(max, image[y * size + i][x * size + j]);
                    }
                }
                out[y][x] = max;
            }
        }
        return out;
    }

    /**
     * Rescales values linearly to [0, 1], e.g. to look at filters and feature maps; a constant image (a range
     * of 1e-12 or less) becomes all 0.
     */
    public static double[][] normalize(double[][] image) {
        checkImage("normalize", image);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : image) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double range = max - min;
        double[][] out = new double[image.length][];
        for (int y = 0; y < image.length; y++) {
            out[y] = new double[image[y].length];
            for (int x = 0; x < image[y].length; x++) {
                out[y][x] = range <= 1e-12 ? 0 : (image[y][x] - min) / range;
            }
        }
        return out;
    }

    /**
     * The image scaled to {@code rows x cols} by bilinear interpolation, pixel centres aligned (as image
     * libraries resize), e.g. an 8x8 Grad-CAM map laid over its 28x28 digit.
     *
     * @throws IllegalArgumentException for an empty or ragged image, or a size below 1
     */
    public static double[][] resize(double[][] image, int rows, int cols) {
        checkImage("resize", image);
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("resize: size " + rows + "x" + cols + " must be at least 1x1");
        }
        int h = image.length;
        int w = image[0].length;
        double[][] out = new double[rows][cols];
        for (int y = 0; y < rows; y++) {
            double sy = Math.max(0, Math.min(h - 1, (y + 0.5) * h / rows - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(h - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < cols; x++) {
                double sx = Math.max(0, Math.min(w - 1, (x + 0.5) * w / cols - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(w - 1, x0 + 1);
                double fx = sx - x0;
                out[y][x] = (1 - fy) * ((1 - fx) * image[y0][x0] + fx * image[y0][x1])
                        + fy * ((1 - fx) * image[y1][x0] + fx * image[y1][x1]);
            }
        }
        return out;
    }

    private static void checkImage(String what, double[][] image) {
        if (image == null || image.length == 0 || image[0] == null || image[0].length == 0) {
            throw new IllegalArgumentException(what + ": the image is empty; pass rows of pixel values");
        }
        for (int y = 1; y < image.length; y++) {
            if (image[y].length != image[0].length) {
                throw new IllegalArgumentException(what + ": row " + y + " has " + image[y].length + " pixels, row 0 has "
                        + image[0].length + "; every row must be as long");
            }
        }
    }
}
