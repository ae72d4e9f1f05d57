package dlkit.data;

import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tech.tablesaw.api.Table;

/** The table and series loaders: hand-made files, plus the shipped ones the course relies on. */
class DatasetsLoadersTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void anSklearnCsvGetsGenericNamesAndClassNames() throws IOException {
        Path file = write("tiny.csv", "3,2,no,yes\n1.5,2,0\n3,4.25,1\n\n5,6,1\n");

        Table table = Datasets.sklearnCsv(file, "tabular/tiny.csv");

        assertEquals(List.of("feature_0", "feature_1", "label"), table.columnNames());
        assertEquals(List.of("no", "yes", "yes"), table.stringColumn("label").asList());
        assertEquals(4.25, table.doubleColumn("feature_1").get(1));
        assertEquals("tiny.csv", table.name());
    }

    @Test
    void aCsvWithAHeaderIsNotTakenForSklearnLayout() throws IOException {
        Path file = write("header.csv", "a,b,label\n1,2,0\n");

        assertFails(IllegalArgumentException.class, () -> Datasets.sklearnCsv(file, "tabular/header.csv"),
                "line 1 is 'a,b,label'", "n_samples,n_features", "Datasets.csv(\"tabular/header.csv\")");
    }

    @Test
    void aClassIndexBeyondTheNamesIsReportedWithItsLine() throws IOException {
        Path file = write("bad.csv", "2,1,no,yes\n1,0\n2,2\n");

        assertFails(IllegalArgumentException.class, () -> Datasets.sklearnCsv(file, "bad.csv"),
                "line 3", "class index 0..1");
    }

    @Test
    void aRowCountThatDisagreesWithTheFirstLineIsReported() throws IOException {
        Path file = write("short.csv", "3,1,no,yes\n1,0\n");

        assertFails(IllegalArgumentException.class, () -> Datasets.sklearnCsv(file, "short.csv"),
                "has 1 rows where line 1 promises 3");
    }

    @Test
    void irisHasNamedFeaturesAndSpecies() {
        Table iris = Datasets.iris();

        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "species"),
                iris.columnNames());
        assertEquals(150, iris.rowCount());
        assertEquals(50, iris.stringColumn("species").countOccurrences("virginica"));
        assertEquals(5.1, iris.doubleColumn("sepal_length").get(0));
    }

    @Test
    void wineAndBreastCancerHaveTheirOwnNames() {
        Table wine = Datasets.wine();
        Table cancer = Datasets.breastCancer();

        assertEquals(14, wine.columnCount());
        assertEquals("proline", wine.columnNames().get(12));
        assertEquals(48, wine.stringColumn("cultivar").countOccurrences("class_2"));
        assertEquals(31, cancer.columnCount());
        assertEquals("worst_fractal_dimension", cancer.columnNames().get(29));
        assertEquals(212, cancer.stringColumn("diagnosis").countOccurrences("malignant"));
    }

    @Test
    void penguinsReadNaAsMissing() {
        Table penguins = Datasets.penguins();

        assertEquals(344, penguins.rowCount());
        assertEquals(2, penguins.column("bill_length_mm").countMissing());
        assertEquals(342, Tables.dropMissing(penguins, "bill_length_mm").rowCount());
        assertEquals(333, Tables.dropMissing(penguins, "sex").rowCount());
        assertEquals(333, Tables.dropMissing(penguins).rowCount());
    }

    @Test
    void monthlySeriesHaveDates() {
        Table air = Datasets.monthlySeries("timeseries/datasets_AirPassengers.csv");

        assertEquals(List.of("month", "value"), air.columnNames());
        assertEquals(LocalDate.of(1949, 1, 1), air.dateColumn("month").get(0));
        assertEquals(LocalDate.of(1949, 2, 1), air.dateColumn("month").get(1));
        assertEquals(LocalDate.of(1960, 12, 1), air.dateColumn("month").get(143));
        double[] passengers = Datasets.airPassengers();
        assertEquals(144, passengers.length);
        assertEquals(112, passengers[0]);
        assertEquals(3177, Datasets.sunspots().length);
    }

    @Test
    void aFileWithoutTimeAndValueIsNotAMonthlySeries() {
        assertFails(IllegalArgumentException.class,
                () -> Datasets.monthlySeries("timeseries/us_births_1969_1988.csv"),
                "not [time, value]", "Datasets.csv(");
    }

    @Test
    void fineFoodReviewsLoadWithTheirLabels() {
        Table train = Datasets.fineFoodsTrain();

        assertEquals(List.of("product", "review", "score"), train.columnNames());
        assertEquals(4000, train.rowCount());
        assertEquals(2600, train.stringColumn("score").countOccurrences("great"));
        assertTrue(Datasets.fineFoodsTest().rowCount() == 1000);
    }

    @Test
    void aShippedFileWithALoaderOfItsOwnIsReferredToIt() {
        assertFails(IllegalArgumentException.class, () -> Datasets.csv("tabular/wine_data.csv"),
                "tabular/wine_data.csv", "Datasets.wine()");
        assertFails(IllegalArgumentException.class, () -> Datasets.csv("tabular/digits.csv.gz"),
                "Datasets.digits()");
        assertFails(IllegalArgumentException.class, () -> Datasets.csv("mnist/train-images-idx3-ubyte.gz"),
                "Datasets.mnist()");
    }

    @Test
    void aFileInSklearnLayoutIsReferredToItsReader() throws IOException {
        Path file = write("mine.csv", "2,2,no,yes\n1,2,0\n3,4,1\n");

        assertFails(IllegalArgumentException.class, () -> Datasets.csv(file, "tabular/mine.csv"),
                "scikit-learn's layout", "'2,2,no,yes'", "Datasets.sklearnCsv(\"tabular/mine.csv\")");
    }

    @Test
    void aBinaryFileIsNamedByItsFirstBytesNeverPrintedRaw() throws IOException {
        Path file = Files.write(dir.resolve("model.csv"), new byte[] {0x50, 0x4b, 0x03, 0x04, 0, 0, 7, 1, 2, 3});

        IllegalArgumentException e = assertFails(IllegalArgumentException.class,
                () -> Datasets.csv(file, "model.csv"), "not a text file", "50 4b 03 04 00 00 07 01");
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), e.getMessage());
    }

    @Test
    void aGzippedCsvIsReadLikeAPlainOne() throws IOException {
        Path file = dir.resolve("small.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("x,y\n1,a\n2,b\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        Table table = Datasets.csv(file, "small.csv.gz");

        assertEquals(List.of("x", "y"), table.columnNames());
        assertEquals(2, table.rowCount());
    }

    @Test
    void messagesShowControlCharactersAsQuestionMarksAndStayShort() {
        assertEquals("a?b", Datasets.printable("a\u0001b"));
        assertEquals("bad ? byte", Datasets.printable("bad \uFFFD byte"));
        assertTrue(Datasets.printable("x".repeat(1000)).length() < 310);
    }

    @Test
    void theDigitsAreEightByEightCountsWithTheirDigit() {
        Table digits = Datasets.digits();

        assertEquals(1_797, digits.rowCount());
        assertEquals(65, digits.columnCount());
        assertEquals("pixel_0", digits.columnNames().get(0));
        assertEquals("digit", digits.columnNames().get(64));
        assertEquals(10, digits.stringColumn("digit").countUnique());
        assertEquals("0", digits.stringColumn("digit").get(0));
        assertEquals(16.0, digits.numberColumn("pixel_20").max(), 1e-9);
    }
}
