package dlkit.data;

import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tech.tablesaw.api.Table;

class ArffTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("t.arff"), content);
    }

    @Test
    void nominalValuesLoseTheirQuotesAndNumbersAreParsed() throws IOException {
        Path file = write("% a comment\n@relation 'tiny credit'\n\n@attribute status { 'male single', 'female div/dep/mar', none}\n"
                + "@attribute age numeric\n@ATTRIBUTE note string\n@data\n"
                + "'male single',67,'a, b'\n 'female div/dep/mar' , 22.5 ,plain\nnone,?,?\n");

        Table t = Arff.read(file, "t.arff");

        assertEquals("tiny credit", t.name());
        assertEquals(List.of("status", "age", "note"), t.columnNames());
        assertEquals(List.of("male single", "female div/dep/mar", "none"), t.stringColumn("status").asList());
        assertEquals(22.5, t.doubleColumn("age").get(1));
        assertTrue(t.doubleColumn("age").isMissing(2));
        assertEquals("a, b", t.stringColumn("note").get(0));
        assertTrue(t.stringColumn("note").isMissing(2));
    }

    @Test
    void badFilesAreRefusedWithLineAndValue() throws IOException {
        assertFails(IllegalArgumentException.class, () -> Arff.read(write("@relation r\n@attribute a {x, y}\n@data\nz\n"),
                "t.arff"), "line 4", "'z' is not a declared value of attribute 'a'", "[x, y]");
        assertFails(IllegalArgumentException.class, () -> Arff.read(write("@relation r\n@attribute a numeric\n@data\n1,2\n"),
                "t.arff"), "line 4 has 2 values for 1 attributes");
        assertFails(IllegalArgumentException.class, () -> Arff.read(write("@relation r\n@attribute a numeric\n@data\nabc\n"),
                "t.arff"), "'abc' for numeric attribute 'a'");
        assertFails(IllegalArgumentException.class, () -> Arff.read(write("@relation r\n@attribute d date\n@data\n"),
                "t.arff"), "type 'date'");
        assertFails(IllegalArgumentException.class, () -> Arff.read(write("@relation r\n@attribute a numeric\n"),
                "t.arff"), "no @data line");
        assertFails(IllegalArgumentException.class, () -> Arff.read(write("@relation r\n@attribute a {x}\n@data\n'x\n"),
                "t.arff"), "never closed");
    }

    @Test
    void theShippedGermanCreditLoads() {
        Table credit = Datasets.germanCredit();

        assertEquals(1000, credit.rowCount());
        assertEquals(21, credit.columnCount());
        assertEquals("personal_status", credit.columnNames().get(8));
        assertEquals("male single", credit.stringColumn("personal_status").get(0));
        assertEquals(67.0, credit.doubleColumn("age").get(0));
        assertEquals(700, credit.stringColumn("class").isEqualTo("good").size());
        assertEquals(37, credit.stringColumn("foreign_worker").isEqualTo("no").size());
        assertEquals(0, credit.stringColumn("personal_status").isEqualTo("female single").size());
    }

    @Test
    void theOtherShippedTablesWithSensitiveColumnsLoad() {
        assertEquals(1470, Datasets.attrition().rowCount());
        assertEquals(588, Datasets.attrition().stringColumn("Gender").isEqualTo("Female").size());
        assertEquals(5226, Datasets.arrests().rowCount());
        assertEquals(1288, Datasets.arrests().stringColumn("colour").isEqualTo("Black").size());
    }
}
