package dlkit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dlkit.data.ImageOps;
import dlkit.data.LabeledImages;

/**
 * Pictures made of pictures: grids of images with a caption under each, as {@link BufferedImage}s (the
 * notebook shows one that is a cell's last value as a PNG). Digits with their labels, with predictions
 * (mistakes framed in red), any images such as reconstructions or augmented samples, and a convolution
 * layer's filters and feature maps.
 *
 * <p>Pixels are grey: 0 is black, 1 is white, values outside [0, 1] are clipped. Filters and feature maps
 * are each stretched to their own range first (a constant one is drawn black). Each image is enlarged by a
 * whole factor to about {@value #TILE} pixels, without smoothing, so single pixels stay visible. A title
 * line heads every picture, on a white background.
 */
final class ImageCharts {

    /** The size, in pixels, each image is enlarged towards. */
    public static final int TILE = 96;
    /** At most this many images are drawn by {@link #filters} and {@link #featureMaps}. */
    public static final int MAX_TILES = 256;

    private static final int MARGIN = 12;
    private static final int GAP = 10;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color TEXT = new Color(0x333333);
    private static final Color FRAME = new Color(0xCCCCCC);
    private static final Color WRONG = new Color(0xD00000);

    private ImageCharts() {
    }

    /**
     * The images at {@code indices}, each captioned with its class name.
     *
     * @param columns images per row (fewer when there are fewer images)
     * @throws IllegalArgumentException for no indices, an index out of range, or {@code columns <= 0}
     */
    public static BufferedImage grid(LabeledImages images, int[] indices, int columns) {
        checkIndices(images, indices);
        List<Tile> tiles = new ArrayList<>();
        for (int index : indices) {
            tiles.add(new Tile(images.image(index), List.of(images.classes().get(images.label(index))), false));
        }
        return render(images.name() + ": " + indices.length + (indices.length == 1 ? " image" : " images"),
                tiles, columns);
    }

    /**
     * The images at {@code indices} with what a model predicted for them, captioned "pred 3" over "true 5";
     * the misclassified ones are framed and captioned in red, and the title counts them.
     *
     * @param predicted the predicted class of every image of {@code images}, row-aligned with them (as
     *                  {@code Predictions.predicted()} gives it); only those at {@code indices} are shown
     * @throws IllegalArgumentException when the lengths differ or a predicted class is out of range
     */
    public static BufferedImage grid(LabeledImages images, int[] indices, int[] predicted, int columns) {
        checkIndices(images, indices);
        if (predicted.length != images.count()) {
            throw new IllegalArgumentException("grid: " + predicted.length + " predictions for " + images.count()
                    + " images; pass one predicted class per image of the set, e.g. Predictions.predicted() "
                    + "computed on these images");
        }
        List<Tile> tiles = new ArrayList<>();
        int wrong = 0;
        for (int i = 0; i < indices.length; i++) {
            int p = predicted[indices[i]];
            if (p < 0 || p >= images.classes().size()) {
                throw new IllegalArgumentException("grid: predicted class " + p + " (for image " + indices[i]
                        + ") is outside the " + images.classes().size() + " classes 0.."
                        + (images.classes().size() - 1) + "; pass class indices, e.g. the argmax of the outputs");
            }
            int truth = images.label(indices[i]);
            boolean miss = p != truth;
            wrong += miss ? 1 : 0;
            tiles.add(new Tile(images.image(indices[i]),
                    List.of("pred " + images.classes().get(p), "true " + images.classes().get(truth)), miss));
        }
        return render(images.name() + ": " + wrong + " of " + indices.length + " misclassified"
                + (wrong > 0 ? " (in red)" : ""), tiles, columns);
    }

    /**
     * Any images, e.g. reconstructions, generated digits or augmented samples, titled by their number.
     *
     * @param images   rows of pixel values in [0, 1], image by image
     * @param captions one caption per image (may be empty strings)
     */
    public static BufferedImage gridOf(double[][][] images, List<String> captions, int columns) {
        return gridOf(images.length + (images.length == 1 ? " image" : " images"), images, captions, columns);
    }

    /**
     * Any images under a title of your own; see {@link #gridOf(double[][][], List, int)}.
     *
     * @throws IllegalArgumentException for no images, a caption count that differs, an empty or ragged image,
     *                                  a NaN pixel, or {@code columns <= 0}
     */
    public static BufferedImage gridOf(String title, double[][][] images, List<String> captions, int columns) {
        if (images.length == 0) {
            throw new IllegalArgumentException("gridOf: no images to draw; pass at least one");
        }
        if (captions.size() != images.length) {
            throw new IllegalArgumentException("gridOf: " + captions.size() + " captions for " + images.length
                    + " images; pass one caption per image (\"\" for none)");
        }
        List<Tile> tiles = new ArrayList<>();
        for (int i = 0; i < images.length; i++) {
            checkImage(images[i], "image " + i);
            tiles.add(new Tile(images[i], captions.get(i).isEmpty() ? List.of() : List.of(captions.get(i)), false));
        }
        return render(title, tiles, columns);
    }

    /**
     * Rows of square grey images from flat arrays, one row per entry, captioned with the entry's name:
     * originals over reconstructions, noisy over denoised, generated digits epoch by epoch.
     *
     * @param rows  name to an array {@code [n, side * side]} of pixels in [0, 1] (e.g. a network's output);
     *              the first {@code count} images of each are drawn
     * @throws IllegalArgumentException when there are no rows, an array is not {@code [n, side * side]} or
     *                                  holds fewer than {@code count} images
     */
    public static BufferedImage rows(String title, int side, Map<String, INDArray> rows, int count) {
        if (rows.isEmpty() || count <= 0) {
            throw new IllegalArgumentException("rows('" + title + "'): give at least one row and a positive count, got "
                    + rows.size() + " rows and count " + count);
        }
        double[][][] images = new double[rows.size() * count][][];
        List<String> captions = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, INDArray> row : rows.entrySet()) {
            INDArray pixels = row.getValue();
            if (pixels.rank() != 2 || pixels.size(1) != (long) side * side || pixels.size(0) < count) {
                throw new IllegalArgumentException("rows('" + title + "'): row '" + row.getKey() + "' has shape "
                        + java.util.Arrays.toString(pixels.shape()) + "; it needs [at least " + count + ", " + side * side
                        + "], one flat " + side + "x" + side + " image per row");
            }
            for (int i = 0; i < count; i++) {
                images[k++] = square(pixels, i, side);
                captions.add(row.getKey());
            }
        }
        return gridOf(title, images, captions, count);
    }

    /**
     * Flat square grey images {@code [n, side * side]} (e.g. a generator's output) in a grid, one caption per
     * image; see {@link #gridOf(String, double[][][], List, int)}.
     *
     * @throws IllegalArgumentException when the array is not {@code [n, side * side]} or the captions are not
     *                                  one per image
     */
    public static BufferedImage gridOf(String title, int side, INDArray pixels, List<String> captions, int columns) {
        if (pixels.rank() != 2 || pixels.size(1) != (long) side * side) {
            throw new IllegalArgumentException("gridOf('" + title + "'): pixels have shape "
                    + java.util.Arrays.toString(pixels.shape()) + "; they need [n, " + side * side + "], one flat "
                    + side + "x" + side + " image per row");
        }
        double[][][] images = new double[(int) pixels.size(0)][][];
        for (int i = 0; i < images.length; i++) {
            images[i] = square(pixels, i, side);
        }
        return gridOf(title, images, captions, columns);
    }

    private static double[][] square(INDArray pixels, int row, int side) {
        double[] flat = pixels.getRow(row).toDoubleVector();
        double[][] image = new double[side][side];
        for (int r = 0; r < side; r++) {
            System.arraycopy(flat, r * side, image[r], 0, side);
        }
        return image;
    }

    /**
     * A convolution layer's filters, {@code [out, in, kh, kw]} (DL4J's {@code W} parameter of a
     * {@code ConvolutionLayer}), one image per output filter and input channel, each stretched to its own
     * range: light where the filter responds to brightness, dark where to darkness. With one input channel
     * the filters fill rows of 8; with more, each row is one filter across its input channels. At most
     * {@value #MAX_TILES} are drawn.
     *
     * @throws IllegalArgumentException when the array is not of rank 4, or holds NaN
     */
    public static BufferedImage filters(INDArray weights) {
        long[] shape = weights.shape();
        if (weights.rank() != 4) {
            throw new IllegalArgumentException("filters: weights of shape " + Arrays.toString(shape) + " are not "
                    + "[out, in, height, width]; pass a convolution layer's weights, e.g. "
                    + "network.getLayer(0).getParam(\"W\")");
        }
        int out = (int) shape[0];
        int in = (int) shape[1];
        double[][][][] w = to4d(weights);
        List<Tile> tiles = new ArrayList<>();
        for (int o = 0; o < out && tiles.size() < MAX_TILES; o++) {
            for (int i = 0; i < in && tiles.size() < MAX_TILES; i++) {
                tiles.add(new Tile(stretch(w[o][i], "filter " + o + ", channel " + i),
                        List.of(in == 1 ? "filter " + o : o + "/" + i), false));
            }
        }
        int total = out * in;
        String title = "Filters " + shape[0] + " x " + shape[1] + " x " + shape[2] + " x " + shape[3]
                + (in > 1 ? " (row: filter, column: input channel)" : "")
                + (total > tiles.size() ? ", first " + tiles.size() + " of " + total : "");
        return render(title, tiles, in == 1 ? Math.min(8, out) : Math.min(in, 16));
    }

    /**
     * A layer's activations for one image, {@code [1, channels, height, width]} (or {@code [channels,
     * height, width]}; of a larger batch the first image is drawn), one image per channel, each stretched
     * to its own range: where in the picture each filter found its pattern. At most {@value #MAX_TILES}
     * channels are drawn.
     *
     * @throws IllegalArgumentException when the array is not of rank 3 or 4, or holds NaN
     */
    public static BufferedImage featureMaps(INDArray activations) {
        long[] shape = activations.shape();
        if (activations.rank() != 4 && activations.rank() != 3) {
            throw new IllegalArgumentException("featureMaps: activations of shape " + Arrays.toString(shape)
                    + " are not [1, channels, height, width]; pass a convolution layer's output, e.g. "
                    + "network.feedForward(image).get(1) with image as [1, 1, 28, 28]");
        }
        INDArray maps = activations.rank() == 4 ? activations.slice(0) : activations;
        long[] mapShape = maps.shape();
        double[][][] values = to4d(maps.reshape(1, mapShape[0], mapShape[1], mapShape[2]))[0];
        List<Tile> tiles = new ArrayList<>();
        for (int c = 0; c < values.length && tiles.size() < MAX_TILES; c++) {
            tiles.add(new Tile(stretch(values[c], "channel " + c), List.of("channel " + c), false));
        }
        String title = "Feature maps: " + mapShape[0] + " channels of " + mapShape[1] + "x" + mapShape[2]
                + (activations.rank() == 4 && shape[0] > 1 ? ", first of " + shape[0] + " images" : "")
                + (values.length > tiles.size() ? ", first " + tiles.size() : "");
        return render(title, tiles, Math.min(8, values.length));
    }

    /** One image with its caption lines, and a heat map in [0, 1] laid over it (null for none). */
    private record Tile(double[][] pixels, List<String> caption, boolean wrong, double[][] heat) {
        Tile(double[][] pixels, List<String> caption, boolean wrong) {
            this(pixels, caption, wrong, null);
        }
    }

    /**
     * Grey images with a heat map over each (transparent where 0, through red to yellow at 1), e.g. Grad-CAM
     * maps over their digits; a tile marked wrong gets a red frame and caption.
     *
     * @param heat one map per image, the image's size, values in [0, 1]
     */
    static BufferedImage withHeat(String title, double[][][] images, double[][][] heat, List<List<String>> captions,
                                  boolean[] wrong, int columns) {
        List<Tile> tiles = new ArrayList<>();
        for (int i = 0; i < images.length; i++) {
            checkImage(images[i], "image " + i);
            tiles.add(new Tile(images[i], captions.get(i), wrong[i], heat[i]));
        }
        return render(title, tiles, columns);
    }

    private static BufferedImage render(String title, List<Tile> tiles, int columns) {
        if (columns <= 0) {
            throw new IllegalArgumentException("columns " + columns + " must be positive, e.g. 8");
        }
        int cols = Math.min(columns, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        int maxSide = 1;
        int maxH = 1;
        int maxW = 1;
        int lines = 0;
        for (Tile tile : tiles) {
            maxH = Math.max(maxH, tile.pixels().length);
            maxW = Math.max(maxW, tile.pixels()[0].length);
            lines = Math.max(lines, tile.caption().size());
        }
        maxSide = Math.max(maxH, maxW);
        int scale = Math.max(1, Math.round(TILE / (float) maxSide));

        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics captionMetrics = pg.getFontMetrics(CAPTION_FONT);
        FontMetrics titleMetrics = pg.getFontMetrics(TITLE_FONT);
        int captionWidth = 0;
        for (Tile tile : tiles) {
            for (String line : tile.caption()) {
                captionWidth = Math.max(captionWidth, captionMetrics.stringWidth(line));
            }
        }
        int titleWidth = titleMetrics.stringWidth(title);
        pg.dispose();

        int lineHeight = captionMetrics.getHeight();
        int cellW = Math.max(maxW * scale, captionWidth) + GAP;
        int cellH = maxH * scale + 4 + lines * lineHeight + GAP;
        int titleH = titleMetrics.getHeight() + GAP;
        int width = Math.max(2 * MARGIN + cols * cellW, 2 * MARGIN + titleWidth);
        int height = 2 * MARGIN + titleH + rows * cellH;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setColor(TEXT);
            g.setFont(TITLE_FONT);
            g.drawString(title, MARGIN, MARGIN + titleMetrics.getAscent());
            int left0 = (width - cols * cellW) / 2;
            for (int t = 0; t < tiles.size(); t++) {
                Tile tile = tiles.get(t);
                int h = tile.pixels().length * scale;
                int w = tile.pixels()[0].length * scale;
                int cellX = left0 + (t % cols) * cellW;
                int cellY = MARGIN + titleH + (t / cols) * cellH;
                int x = cellX + (cellW - w) / 2;
                int y = cellY + (maxH * scale - h) / 2;
                g.drawImage(tile.heat() == null ? pixels(tile.pixels()) : heated(tile.pixels(), tile.heat()), x, y, w, h, null);
                if (tile.wrong()) {
                    g.setColor(WRONG);
                    g.setStroke(new BasicStroke(3f));
                    g.drawRect(x - 2, y - 2, w + 3, h + 3);
                } else {
                    g.setColor(FRAME);
                    g.setStroke(new BasicStroke(1f));
                    g.drawRect(x - 1, y - 1, w + 1, h + 1);
                }
                g.setFont(CAPTION_FONT);
                g.setColor(tile.wrong() ? WRONG : TEXT);
                int baseline = cellY + maxH * scale + 4 + captionMetrics.getAscent();
                for (String line : tile.caption()) {
                    g.drawString(line, cellX + (cellW - captionMetrics.stringWidth(line)) / 2, baseline);
                    baseline += lineHeight;
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A grey image of {@code values} clipped to [0, 1]. */
    private static BufferedImage pixels(double[][] values) {
        BufferedImage image = new BufferedImage(values[0].length, values.length, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                int grey = (int) Math.round(255 * Math.max(0, Math.min(1, values[r][c])));
                image.setRGB(c, r, (grey << 16) | (grey << 8) | grey);
            }
        }
        return image;
    }

    /** The grey image with {@code heat} over it: the more heat, the more of the colour red to yellow shows. */
    private static BufferedImage heated(double[][] values, double[][] heat) {
        BufferedImage image = new BufferedImage(values[0].length, values.length, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                double grey = 0.75 * Math.max(0, Math.min(1, values[r][c]));
                double h = Math.max(0, Math.min(1, heat[r][c]));
                double alpha = 0.85 * h;
                double[] hot = {1, Math.min(1, 1.6 * h * h), 0};
                int rgb = 0;
                for (double channel : hot) {
                    rgb = (rgb << 8) | (int) Math.round(255 * ((1 - alpha) * grey + alpha * channel));
                }
                image.setRGB(c, r, rgb);
            }
        }
        return image;
    }

    /** {@code values} mapped linearly from their own [min, max] to [0, 1]; all 0 when constant. */
    private static double[][] stretch(double[][] values, String what) {
        checkImage(values, what);
        return ImageOps.normalize(values);
    }

    private static double[][][][] to4d(INDArray array) {
        long[] s = array.shape();
        double[] flat = Nd4j.toFlattened('c', array.castTo(DataType.DOUBLE)).toDoubleVector();
        double[][][][] out = new double[(int) s[0]][(int) s[1]][(int) s[2]][(int) s[3]];
        int k = 0;
        for (double[][][] a : out) {
            for (double[][] b : a) {
                for (double[] c : b) {
                    for (int d = 0; d < c.length; d++) {
                        c[d] = flat[k++];
                    }
                }
            }
        }
        return out;
    }

    private static void checkIndices(LabeledImages images, int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("grid: no indices; pass the images to show, e.g. new int[]{0, 1, 2, 3}");
        }
        for (int index : indices) {
            if (index < 0 || index >= images.count()) {
                throw new IllegalArgumentException("grid: image " + index + " is not in " + images.name()
                        + ", whose indices are 0.." + (images.count() - 1) + "; pass indices in that range");
            }
        }
    }

    private static void checkImage(double[][] image, String what) {
        if (image == null || image.length == 0 || image[0].length == 0) {
            throw new IllegalArgumentException(what + " is empty; pass rows of pixel values, e.g. images.image(0)");
        }
        for (int r = 0; r < image.length; r++) {
            if (image[r].length != image[0].length) {
                throw new IllegalArgumentException(what + ": row " + r + " has " + image[r].length + " pixels, row 0 "
                        + image[0].length + "; every row needs the same length");
            }
            for (int c = 0; c < image[r].length; c++) {
                if (Double.isNaN(image[r][c])) {
                    throw new IllegalArgumentException(what + " is NaN at row " + r + ", column " + c
                            + "; NaN outputs mean training diverged: lower the learning rate and train again");
                }
            }
        }
    }
}
