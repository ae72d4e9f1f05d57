package dlkit.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, plain or gzipped (recognised by content, not by
 * file name). An IDX file is big-endian: a magic number ({@code 0x00000803} for images, {@code
 * 0x00000801} for labels), the sizes of each dimension, then one unsigned byte per value.
 */
public final class IdxReader {

    /** The magic number of an IDX file of unsigned-byte images (3 dimensions). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The magic number of an IDX file of unsigned-byte labels (1 dimension). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Images from an IDX file: their count, size, and pixels (one byte each, row by row). */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    /** Reads an IDX image file. */
    public static Images readImages(Path file) {
        try (DataInputStream in = open(file)) {
            magic(in, file, IMAGES_MAGIC, "images");
            int count = size(in, file, "image count");
            int rows = size(in, file, "row count");
            int cols = size(in, file, "column count");
            long total = (long) count * rows * cols;
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(file + " declares " + count + " images of " + rows + "x" + cols
                        + ", too many to hold in memory at once; split the file");
            }
            byte[] pixels = new byte[(int) total];
            readFully(in, pixels, file, count + " images of " + rows + "x" + cols);
            return new Images(count, rows, cols, pixels);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read IDX images from " + file, e);
        }
    }

    /** Reads an IDX label file: one label (0-255) per image. */
    public static int[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            magic(in, file, LABELS_MAGIC, "labels");
            int count = size(in, file, "label count");
            byte[] raw = new byte[count];
            readFully(in, raw, file, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xFF;
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read IDX labels from " + file, e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        boolean gzipped = b1 == 0x1f && b2 == 0x8b;
        return new DataInputStream(gzipped ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
    }

    private static void magic(DataInputStream in, Path file, int expected, String what) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " is empty or shorter than an IDX header; restore the file", e);
        }
        if (magic != expected) {
            throw new IllegalArgumentException(String.format(
                    "%s is not an IDX file of %s: its magic number is 0x%08x, expected 0x%08x. "
                            + "Check that you passed the %s file (e.g. train-%s-idx...)",
                    file, what, magic, expected, what, what));
        }
    }

    private static int size(DataInputStream in, Path file, String what) throws IOException {
        int n;
        try {
            n = in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " ends inside its header (reading the " + what
                    + "); the file is truncated: restore it", e);
        }
        if (n < 0) {
            throw new IllegalArgumentException(file + " declares a negative " + what + " (" + n + "); the file is damaged");
        }
        return n;
    }

    private static void readFully(DataInputStream in, byte[] into, Path file, String declared) throws IOException {
        int read = 0;
        while (read < into.length) {
            int n;
            try {
                n = in.read(into, read, into.length - read);
            } catch (EOFException e) {
                // a gzipped file cut short ends inside its compressed data
                throw truncated(file, declared, into.length, read, e);
            }
            if (n < 0) {
                throw truncated(file, declared, into.length, read, null);
            }
            read += n;
        }
    }

    private static IllegalArgumentException truncated(Path file, String declared, int bytes, int read, EOFException cause) {
        return new IllegalArgumentException(file + " declares " + declared + " (" + bytes
                + " bytes) but holds only " + read + "; the file is truncated: restore it", cause);
    }
}
