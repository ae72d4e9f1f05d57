package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    /** Two 2x3 images; 200 and 255 check that bytes are read unsigned. */
    private static final byte[] PIXELS = {0, 1, 2, 3, 4, 5, 10, 20, 30, 40, (byte) 200, (byte) 255};

    @TempDir
    Path dir;

    /** An IDX file: the magic number, the sizes, then the bytes. */
    private static byte[] idx(int magic, int[] sizes, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int size : sizes) {
                out.writeInt(size);
            }
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    @Test
    void readsPlainImages() throws IOException {
        Path file = write("images", idx(IdxReader.IMAGES_MAGIC, new int[]{2, 2, 3}, PIXELS), false);

        IdxReader.Images images = IdxReader.readImages(file);

        assertEquals(2, images.count());
        assertEquals(2, images.rows());
        assertEquals(3, images.cols());
        assertArrayEquals(PIXELS, images.pixels());
    }

    @Test
    void readsGzippedImagesWhateverTheirName() throws IOException {
        Path file = write("images.idx", idx(IdxReader.IMAGES_MAGIC, new int[]{2, 2, 3}, PIXELS), true);

        assertArrayEquals(PIXELS, IdxReader.readImages(file).pixels());
    }

    @Test
    void readsLabelsAsUnsignedBytes() throws IOException {
        byte[] raw = {0, 9, (byte) 255};
        Path plain = write("labels", idx(IdxReader.LABELS_MAGIC, new int[]{3}, raw), false);
        Path gzipped = write("labels.gz", idx(IdxReader.LABELS_MAGIC, new int[]{3}, raw), true);

        assertArrayEquals(new int[]{0, 9, 255}, IdxReader.readLabels(plain));
        assertArrayEquals(new int[]{0, 9, 255}, IdxReader.readLabels(gzipped));
    }

    @Test
    void aLabelsFileIsNotAnImagesFile() throws IOException {
        Path labels = write("labels", idx(IdxReader.LABELS_MAGIC, new int[]{3}, new byte[3]), false);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(labels));
        assertTrue(e.getMessage().contains("0x00000801"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 0x00000803"), e.getMessage());
        assertTrue(e.getMessage().contains(labels.toString()), e.getMessage());
    }

    @Test
    void anImagesFileIsNotALabelsFile() throws IOException {
        Path images = write("images.gz", idx(IdxReader.IMAGES_MAGIC, new int[]{2, 2, 3}, PIXELS), true);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(images));
        assertTrue(e.getMessage().contains("0x00000803"), e.getMessage());
        assertTrue(e.getMessage().contains("labels file"), e.getMessage());
    }

    @Test
    void truncatedPixelsAreReported() throws IOException {
        byte[] full = idx(IdxReader.IMAGES_MAGIC, new int[]{2, 2, 3}, PIXELS);
        Path file = write("images", Arrays.copyOf(full, full.length - 5), false);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("holds only 7"), e.getMessage());
    }

    @Test
    void truncatedLabelsAreReported() throws IOException {
        Path file = write("labels.gz", idx(IdxReader.LABELS_MAGIC, new int[]{5}, new byte[3]), true);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aTruncatedHeaderIsReported() throws IOException {
        byte[] full = idx(IdxReader.IMAGES_MAGIC, new int[]{2, 2, 3}, PIXELS);
        Path file = write("images", Arrays.copyOf(full, 10), false);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("row count"), e.getMessage());
    }

    @Test
    void aCutGzipDownloadIsReportedAsTruncated() throws IOException {
        byte[] labels = new byte[5000];
        new Random(42).nextBytes(labels);
        byte[] gzipped = Files.readAllBytes(write("full.gz", idx(IdxReader.LABELS_MAGIC, new int[]{5000}, labels), true));
        Path cut = write("cut.gz", Arrays.copyOf(gzipped, gzipped.length / 2), false);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void anEmptyFileIsReported() throws IOException {
        Path file = write("empty", new byte[0], false);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(file));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aNegativeSizeIsReported() throws IOException {
        Path file = write("labels", idx(IdxReader.LABELS_MAGIC, new int[]{-1}, new byte[0]), false);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(file));
        assertTrue(e.getMessage().contains("negative label count (-1)"), e.getMessage());
    }
}
