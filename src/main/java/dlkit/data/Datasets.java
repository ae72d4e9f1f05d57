package dlkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import dlkit.io.FileCheck;

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

    /**
     * A shipped CSV file with a header row of column names as a Tablesaw table named after the file; a
     * gzip-compressed file ({@code .csv.gz}) is read the same way.
     *
     * @throws IllegalArgumentException for a shipped file that has a loader of its own (the message names
     *     it, e.g. {@code Datasets.wine()}), a file in scikit-learn's layout, a file that is not text, or a
     *     CSV that does not parse (the message says where)
     */
    public static Table csv(String relative) {
        return csv(path(relative), relative);
    }

    /** Reads {@code file} as a CSV with a header row; {@code shown} names it in messages. */
    static Table csv(Path file, String shown) {
        String fileName = file.getFileName().toString();
        String loader = OWN_LOADERS.get(fileName);
        if (loader != null) {
            throw new IllegalArgumentException(shown + " is not a CSV with a header row of column names; load it "
                    + "with " + loader + ", which knows its layout and names its columns");
        }
        byte[] start = firstBytes(file, 512);
        boolean gzip = start.length >= 2 && (start[0] & 0xff) == 0x1f && (start[1] & 0xff) == 0x8b;
        if (!gzip && !looksLikeText(start)) {
            throw new IllegalArgumentException(shown + " is not a text file (it starts with the bytes "
                    + hex(start, 8) + "); Datasets.csv reads comma-separated text with a header row");
        }
        if (!gzip && SKLEARN_FIRST_LINE.matcher(firstLine(start)).find()) {
            throw new IllegalArgumentException(shown + " is in scikit-learn's layout (its first line '"
                    + printable(firstLine(start)) + "' is the row count, the feature count and class names, "
                    + "not column names); load it with Datasets.sklearnCsv(\"" + shown + "\")");
        }
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
            return Table.read().usingOptions(CsvReadOptions.builder(in).tableName(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + shown + ": " + printable(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Could not read " + shown + " as CSV: " + printable(e.getMessage()), e);
        }
    }

    /** Shipped files that need a loader of their own, by file name, and that loader. */
    private static final Map<String, String> OWN_LOADERS = Map.ofEntries(
            Map.entry("iris.csv", "Datasets.iris()"),
            Map.entry("wine_data.csv", "Datasets.wine()"),
            Map.entry("breast_cancer.csv", "Datasets.breastCancer()"),
            Map.entry("digits.csv.gz", "Datasets.digits()"),
            Map.entry("credit-g.arff", "Datasets.germanCredit() (or Datasets.arff(...) for other ARFF files)"),
            Map.entry("train-images-idx3-ubyte.gz", "Datasets.mnist() or Datasets.fashionMnist()"),
            Map.entry("t10k-images-idx3-ubyte.gz", "Datasets.mnist() or Datasets.fashionMnist()"),
            Map.entry("train-labels-idx1-ubyte.gz", "Datasets.mnist() or Datasets.fashionMnist()"),
            Map.entry("t10k-labels-idx1-ubyte.gz", "Datasets.mnist() or Datasets.fashionMnist()"),
            Map.entry("austen_prideprejudice.txt", "Datasets.text(\"text/austen_prideprejudice.txt\")"));

    /** The first line of scikit-learn's layout: row count, feature count, then class names. */
    private static final Pattern SKLEARN_FIRST_LINE = Pattern.compile("^\\s*\\d+\\s*,\\s*\\d+\\s*,\\s*[^,\\d][^,]*");

    private static byte[] firstBytes(Path file, int count) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(count);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /** Whether the bytes read as text: no NUL, few control characters, valid UTF-8 or Latin-1 letters. */
    private static boolean looksLikeText(byte[] bytes) {
        int control = 0;
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == 0) {
                return false;
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                control++;
            }
        }
        return control <= bytes.length / 100;
    }

    private static String firstLine(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    private static String hex(byte[] bytes, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(count, bytes.length); i++) {
            out.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xff));
        }
        return out.toString();
    }

    /** A message part that is safe to print: control and undecodable characters as '?', at most 300 chars. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> out.appendCodePoint(
                c == '\uFFFD' || (Character.isISOControl(c) && c != '\n') ? '?' : c));
        return text.codePointCount(0, text.length()) > 300 ? out + "..." : out.toString();
    }

    /** The feature names of the scikit-learn CSVs the course ships, by file name. */
    private static final Map<String, List<String>> SKLEARN_FEATURES = Map.of(
            "iris.csv", List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
            "wine_data.csv", List.of("alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium",
                    "total_phenols", "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity",
                    "hue", "od280_od315", "proline"),
            "breast_cancer.csv", breastCancerFeatures());

    /** The name of the label column of the scikit-learn CSVs, by file name; "label" for others. */
    private static final Map<String, String> SKLEARN_LABELS = Map.of(
            "iris.csv", "species", "wine_data.csv", "cultivar", "breast_cancer.csv", "diagnosis");

    /**
     * A shipped CSV in scikit-learn's own layout (iris, wine_data, breast_cancer) as a table: one numeric
     * column per feature and, last, a text column holding each row's class <em>name</em>.
     *
     * <p>These files have no header of column names: their first line is
     * {@code n_samples,n_features,<class name 0>,<class name 1>,...}, and the last value of each row is the
     * class index into those names. Features get their real names for the three shipped files
     * ({@code sepal_length} ... for iris, {@code alcohol} ... for wine, {@code mean_radius} ... for breast
     * cancer) and {@code feature_0, feature_1, ...} otherwise; the label column is {@code species} (iris),
     * {@code cultivar} (wine), {@code diagnosis} (breast cancer) or {@code label}.
     *
     * @param relative the file inside {@code data/}, e.g. {@code "tabular/wine_data.csv"}
     * @throws IllegalArgumentException when the file is not in that layout (the message says which line)
     */
    public static Table sklearnCsv(String relative) {
        return sklearnCsv(path(relative), relative);
    }

    /** Reads {@code file} in scikit-learn's layout; {@code shown} names it in messages. */
    static Table sklearnCsv(Path file, String shown) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + shown, e);
        }
        String fileName = file.getFileName().toString();
        String hint = "; expected scikit-learn's layout, a first line 'n_samples,n_features,class names...' "
                + "then rows of features and a class index. Read other CSVs with Datasets.csv(\"" + shown + "\")";
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(shown + " is empty" + hint);
        }
        String[] head = lines.get(0).split(",");
        int samples;
        int features;
        try {
            samples = Integer.parseInt(head[0].trim());
            features = Integer.parseInt(head[1].trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(shown + " line 1 is '" + lines.get(0) + "'" + hint, e);
        }
        List<String> classes = new ArrayList<>();
        for (int i = 2; i < head.length; i++) {
            classes.add(head[i].trim());
        }
        if (features <= 0 || classes.isEmpty()) {
            throw new IllegalArgumentException(shown + " line 1 is '" + lines.get(0) + "'" + hint);
        }
        List<String> names = SKLEARN_FEATURES.get(fileName);
        if (names == null || names.size() != features) {
            names = new ArrayList<>();
            for (int i = 0; i < features; i++) {
                names.add("feature_" + i);
            }
        }
        double[][] columns = new double[features][samples];
        String[] labels = new String[samples];
        int row = 0;
        for (int lineNumber = 2; lineNumber <= lines.size(); lineNumber++) {
            String line = lines.get(lineNumber - 1);
            if (line.isBlank()) {
                continue;
            }
            String[] values = line.split(",");
            if (values.length != features + 1 || row >= samples) {
                throw new IllegalArgumentException(shown + " line " + lineNumber + " has " + values.length
                        + " values where line 1 promises " + samples + " rows of " + features
                        + " features and a class" + hint);
            }
            try {
                for (int f = 0; f < features; f++) {
                    columns[f][row] = Double.parseDouble(values[f].trim());
                }
                int label = Integer.parseInt(values[features].trim());
                labels[row] = classes.get(label);
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException(shown + " line " + lineNumber + " ('" + line + "') is not "
                        + features + " numbers and a class index 0.." + (classes.size() - 1) + hint, e);
            }
            row++;
        }
        if (row != samples) {
            throw new IllegalArgumentException(shown + " has " + row + " rows where line 1 promises " + samples
                    + "; restore it with 'git checkout -- data/'" + hint);
        }
        Table table = Table.create(fileName);
        for (int f = 0; f < features; f++) {
            table.addColumns(DoubleColumn.create(names.get(f), columns[f]));
        }
        table.addColumns(StringColumn.create(SKLEARN_LABELS.getOrDefault(fileName, "label"), labels));
        return table;
    }

    private static List<String> breastCancerFeatures() {
        List<String> measures = List.of("radius", "texture", "perimeter", "area", "smoothness", "compactness",
                "concavity", "concave_points", "symmetry", "fractal_dimension");
        List<String> names = new ArrayList<>();
        measures.forEach(m -> names.add("mean_" + m));
        measures.forEach(m -> names.add(m + "_error"));
        measures.forEach(m -> names.add("worst_" + m));
        return List.copyOf(names);
    }

    /**
     * Iris: 150 flowers, columns {@code sepal_length, sepal_width, petal_length, petal_width} (cm) and
     * {@code species} (setosa, versicolor, virginica; 50 each, in that order in the file).
     */
    public static Table iris() {
        return sklearnCsv("tabular/iris.csv");
    }

    /** Wine: 178 wines, 13 chemical measurements and {@code cultivar} (class_0, class_1, class_2). */
    public static Table wine() {
        return sklearnCsv("tabular/wine_data.csv");
    }

    /** Breast cancer (Wisconsin diagnostic): 569 rows, 30 features and {@code diagnosis} (malignant, benign). */
    public static Table breastCancer() {
        return sklearnCsv("tabular/breast_cancer.csv");
    }

    /**
     * Digits (UCI optical recognition, scikit-learn's copy): 1,797 handwritten digits as 8x8 images of
     * counts 0 to 16, columns {@code pixel_0 ... pixel_63} (row by row) and {@code digit} ("0" to "9").
     */
    public static Table digits() {
        Path file = path("tabular/digits.csv.gz");
        List<String> lines;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read tabular/digits.csv.gz; restore it with "
                    + "'git checkout -- data/tabular/digits.csv.gz'", e);
        }
        int pixels = 64;
        double[][] columns = new double[pixels][lines.size()];
        String[] digits = new String[lines.size()];
        for (int row = 0; row < lines.size(); row++) {
            String[] values = lines.get(row).split(",");
            if (values.length != pixels + 1) {
                throw new IllegalArgumentException("tabular/digits.csv.gz line " + (row + 1) + " has " + values.length
                        + " values, not 64 pixels and a digit; restore it with 'git checkout -- data/tabular/digits.csv.gz'");
            }
            for (int p = 0; p < pixels; p++) {
                columns[p][row] = Double.parseDouble(values[p]);
            }
            digits[row] = String.valueOf((int) Double.parseDouble(values[pixels]));
        }
        Table table = Table.create("digits");
        for (int p = 0; p < pixels; p++) {
            table.addColumns(DoubleColumn.create("pixel_" + p, columns[p]));
        }
        return table.addColumns(StringColumn.create("digit", digits));
    }

    /**
     * Palmer penguins: 344 rows of {@code species, island, bill_length_mm, bill_depth_mm, flipper_length_mm,
     * body_mass_g, sex, year}. {@code NA} is read as missing (2 rows lack every measurement, 11 lack
     * {@code sex}): drop them with {@link Tables#dropMissing} before a {@link Preprocessor} sees them.
     */
    public static Table penguins() {
        return csv("tabular/palmerpenguins_penguins.csv", "penguins");
    }

    /**
     * The Amazon fine-food reviews for training (4,000 rows): {@code product}, {@code review} (free text,
     * with HTML {@code <br />} tags) and {@code score}, the label ({@code great} or {@code other}).
     */
    public static Table fineFoodsTrain() {
        return csv("text/fine_foods_train.csv", "fine foods (train)");
    }

    /** The fine-food reviews held out for testing (1,000 rows); see {@link #fineFoodsTrain()}. */
    public static Table fineFoodsTest() {
        return csv("text/fine_foods_test.csv", "fine foods (test)");
    }

    /** A shipped ARFF file (Weka's format) as a table; see {@link Arff#read}. */
    public static Table arff(String relative) {
        return Arff.read(path(relative), relative);
    }

    /**
     * German credit (Statlog, UCI): 1,000 loan applicants, 20 attributes and the target {@code class}
     * ({@code good} 700 / {@code bad} 300). Nominal values are text without their ARFF quotes, e.g.
     * {@code personal_status} is {@code male single}, {@code male mar/wid}, {@code male div/sep} or
     * {@code female div/dep/mar}: sex and marital status in one value. Sensitive attributes:
     * {@code personal_status}, {@code age} (19 to 75) and {@code foreign_worker} (yes 963 / no 37).
     */
    public static Table germanCredit() {
        Table table = arff("tabular/credit-g.arff");
        table.setName("german credit");
        return table;
    }

    /**
     * Employee attrition (fictional HR data, 1,470 rows, 31 columns): target {@code Attrition} (No / Yes);
     * sensitive attributes {@code Gender}, {@code Age}, {@code MaritalStatus}.
     */
    public static Table attrition() {
        return csv("tabular/modeldata_attrition.csv", "attrition");
    }

    /**
     * Toronto arrests for marijuana possession (5,226 rows): target {@code released} (Yes / No, released
     * with a summons); sensitive attributes {@code colour} (White / Black), {@code sex}, {@code age},
     * {@code citizen}.
     */
    public static Table arrests() {
        return csv("tabular/carData_Arrests.csv", "arrests");
    }

    /** A shipped CSV with {@code NA} and empty cells as missing values and long text cells allowed. */
    private static Table csv(String relative, String name) {
        Path file = path(relative);
        try {
            return Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).tableName(name)
                    .missingValueIndicator("NA", "").maxCharsPerColumn(1 << 20));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Could not read " + relative + " as CSV: " + e.getMessage(), e);
        }
    }

    /**
     * A shipped monthly series (the R exports in {@code timeseries/}, columns {@code time, value} with
     * {@code time} a decimal year) as a table of {@code month} (the first day of each month) and
     * {@code value}, in time order.
     *
     * @param relative e.g. {@code "timeseries/datasets_nottem.csv"}
     */
    public static Table monthlySeries(String relative) {
        Table raw = csv(relative, relative);
        if (!raw.containsColumn("time") || !raw.containsColumn("value")) {
            throw new IllegalArgumentException(relative + " has columns " + raw.columnNames()
                    + ", not [time, value]; monthlySeries reads the R exports in timeseries/, "
                    + "read other files with Datasets.csv(\"" + relative + "\")");
        }
        NumericColumn<?> time = raw.numberColumn("time");
        NumericColumn<?> value = raw.numberColumn("value");
        DateColumn months = DateColumn.create("month");
        DoubleColumn values = DoubleColumn.create("value");
        for (int row = 0; row < raw.rowCount(); row++) {
            double t = time.getDouble(row);
            int year = (int) Math.floor(t + 1e-6);
            int month = (int) Math.round(12 * (t - year)) + 1;
            months.append(LocalDate.of(year, month, 1));
            values.append(value.getDouble(row));
        }
        return Table.create(Path.of(relative).getFileName().toString(), months, values);
    }

    /** Monthly international airline passengers in thousands, Jan 1949 to Dec 1960 (144 values). */
    public static double[] airPassengers() {
        return monthlySeries("timeseries/datasets_AirPassengers.csv").doubleColumn("value").asDoubleArray();
    }

    /** Monthly mean sunspot numbers, Jan 1749 to Sep 2013 (3,177 values). */
    public static double[] sunspots() {
        return monthlySeries("timeseries/datasets_sunspot.month.csv").doubleColumn("value").asDoubleArray();
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
