package dlkit.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The datasets that ship with the course in its {@code data/} folder, loaded offline and verified
 * against {@code data/SHA256SUMS} first.
 *
 * <p>The folder is found from the environment variable {@value #ENV} (the course kernel sets it), or
 * else by looking for {@code data/SHA256SUMS} in the working directory and its parents.
 */
public final class Datasets {

    /** The environment variable naming the data folder. */
    public static final String ENV = "DLKIT_DATA";

    /** The class names of MNIST: the digits. */
    public static final List<String> MNIST_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** The class names of Fashion-MNIST, label by label. */
    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static volatile DataFolder folder;

    private Datasets() {
    }

    /** The course's data folder, found once per JVM. */
    public static DataFolder folder() {
        DataFolder f = folder;
        if (f == null) {
            synchronized (Datasets.class) {
                if (folder == null) {
                    folder = DataFolder.of(locate(System.getenv(ENV), Path.of("").toAbsolutePath()));
                }
                f = folder;
            }
        }
        return f;
    }

    /**
     * Finds the data folder: {@code configured} when given, else the first {@code data/} holding a
     * {@code SHA256SUMS} in {@code start} or one of its parents.
     *
     * @throws IllegalStateException when there is none
     */
    static Path locate(String configured, Path start) {
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException(ENV + " is '" + configured + "', which is not a folder; set it to the "
                        + "data/ folder of your clone of the course, or unset it");
            }
            return dir;
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data");
            if (Files.isRegularFile(candidate.resolve(DataFolder.CHECKSUMS))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find the course's data/ folder from " + start + " or its parents; "
                + "start JupyterLab with environment/lab, or set " + ENV + " to the data/ folder of your clone");
    }

    /** A shipped file, verified, e.g. {@code path("tabular/iris.csv")}. See {@link DataFolder#path}. */
    public static Path path(String relative) {
        return folder().path(relative);
    }

    /** Checks every shipped file; see {@link DataFolder#verifyAll()}. */
    public static List<FileCheck> verifyAll() {
        return folder().verifyAll();
    }

    /** A shipped CSV file as a Tablesaw table named after the file. */
    public static Table csv(String relative) {
        Path file = path(relative);
        try {
            return Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).tableName(file.getFileName().toString()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Could not read " + relative + " as CSV: " + e.getMessage(), e);
        }
    }

    /** MNIST: 60,000 training and 10,000 test handwritten digits, 28x28. */
    public static ImageDataset mnist() {
        return idx(folder(), "MNIST", "mnist", MNIST_CLASSES);
    }

    /** Fashion-MNIST: 60,000 training and 10,000 test images of clothing in 10 classes, 28x28. */
    public static ImageDataset fashionMnist() {
        return idx(folder(), "Fashion-MNIST", "fashion-mnist", FASHION_CLASSES);
    }

    /** An IDX dataset in {@code dir/} with the standard file names (train- and t10k-, images and labels). */
    static ImageDataset idx(DataFolder data, String name, String dir, List<String> classes) {
        return new ImageDataset(name,
                idxSplit(data, name + " train", dir + "/train", classes),
                idxSplit(data, name + " test", dir + "/t10k", classes));
    }

    private static LabeledImages idxSplit(DataFolder data, String name, String prefix, List<String> classes) {
        IdxReader.Images images = IdxReader.readImages(data.path(prefix + "-images-idx3-ubyte.gz"));
        int[] labels = IdxReader.readLabels(data.path(prefix + "-labels-idx1-ubyte.gz"));
        return new LabeledImages(name, images.rows(), images.cols(), images.pixels(), labels, classes);
    }

    /** The text of a shipped file, e.g. a book for character-level models. */
    public static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + relative, e);
        }
    }
}
