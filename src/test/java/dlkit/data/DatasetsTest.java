package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dlkit.io.FileCheck;

class DatasetsTest {

    /** The course's own data/ folder: the Maven basedir is the working directory of the tests. */
    private static DataFolder shipped;

    @TempDir
    Path dir;

    @BeforeAll
    static void openShippedData() {
        shipped = DataFolder.of(Path.of(System.getProperty("user.dir"), "data"));
    }

    @Test
    void aConfiguredFolderIsUsedAsItIs() throws IOException {
        Path data = Files.createDirectory(dir.resolve("elsewhere"));

        assertEquals(data, Datasets.locate(data.toString(), dir.resolve("no/such/start")));
    }

    @Test
    void aConfiguredValueThatIsNoFolderIsReportedWithItsFix() {
        String configured = dir.resolve("nope").toString();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Datasets.locate(configured, dir));
        assertTrue(e.getMessage().contains(Datasets.ENV + " is '" + configured + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
        assertTrue(e.getMessage().contains("unset it"), e.getMessage());
    }

    @Test
    void theFolderIsFoundFromANestedStart() throws IOException {
        Path data = Files.createDirectories(dir.resolve("course/data"));
        Files.writeString(data.resolve(DataFolder.CHECKSUMS), "");
        Path start = Files.createDirectories(dir.resolve("course/notebooks/exercises"));

        assertEquals(data, Datasets.locate(null, start));
        assertEquals(data, Datasets.locate("  ", start));
    }

    @Test
    void aDataFolderWithoutChecksumsIsNotTheCoursesFolder() throws IOException {
        Path course = Files.createDirectories(dir.resolve("course/data")).getParent();
        Path outer = Files.createDirectories(dir.resolve("data"));
        Files.writeString(outer.resolve(DataFolder.CHECKSUMS), "");

        assertEquals(outer, Datasets.locate(null, course));
    }

    @Test
    void noFolderFoundIsReportedWithItsFix() {
        for (Path parent = dir; parent != null; parent = parent.getParent()) {
            assumeFalse(Files.exists(parent.resolve("data").resolve(DataFolder.CHECKSUMS)), "temp folder inside a course");
        }

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Datasets.locate(null, dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("environment/lab"), e.getMessage());
        assertTrue(e.getMessage().contains(Datasets.ENV), e.getMessage());
    }

    @Test
    void mnistShipsWithTheCourse() {
        ImageDataset mnist = Datasets.idx(shipped, "MNIST", "mnist", Datasets.MNIST_CLASSES);

        assertShape(mnist);
        assertEquals(5, mnist.train().label(0));
        assertEquals(7, mnist.test().label(0));
        assertEquals("MNIST train", mnist.train().name());
        assertTrue(mnist.toString().startsWith("MNIST: 60000 training and 10000 test images of 28x28"), mnist.toString());
    }

    @Test
    void fashionMnistShipsWithTheCourse() {
        ImageDataset fashion = Datasets.idx(shipped, "Fashion-MNIST", "fashion-mnist", Datasets.FASHION_CLASSES);

        assertShape(fashion);
        assertEquals(9, fashion.train().label(0));
        assertEquals("Ankle boot", fashion.train().classes().get(fashion.train().label(0)));
        assertEquals(9, fashion.test().label(0));
    }

    @Test
    void theShippedFolderIsIntact() {
        assertTrue(shipped.verifyAll().stream().allMatch(FileCheck::ok), () -> shipped.verifyAll().toString());
    }

    @Test
    void shippedFilesAreFoundFromTheWorkingDirectory() {
        assertEquals(shipped.root(), Datasets.folder().root());
        assertEquals(768, Datasets.csv("tabular/mlbench_PimaIndiansDiabetes.csv").rowCount());
        assertEquals("mlbench_PimaIndiansDiabetes.csv", Datasets.csv("tabular/mlbench_PimaIndiansDiabetes.csv").name());
        assertTrue(Datasets.text("text/austen_prideprejudice.txt").startsWith("PRIDE AND PREJUDICE"));
    }

    private static void assertShape(ImageDataset data) {
        assertAll(
                () -> assertEquals(60_000, data.train().count()),
                () -> assertEquals(10_000, data.test().count()),
                () -> assertEquals(28, data.train().rows()),
                () -> assertEquals(28, data.train().cols()),
                () -> assertEquals(28, data.test().rows()),
                () -> assertEquals(28, data.test().cols()),
                () -> assertEquals(0, Arrays.stream(data.train().labels()).min().orElseThrow()),
                () -> assertEquals(9, Arrays.stream(data.train().labels()).max().orElseThrow()),
                () -> assertEquals(0, Arrays.stream(data.test().labels()).min().orElseThrow()),
                () -> assertEquals(9, Arrays.stream(data.test().labels()).max().orElseThrow()),
                () -> assertEquals(10, data.train().classes().size()));
    }
}
