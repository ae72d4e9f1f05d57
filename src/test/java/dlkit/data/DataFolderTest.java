package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dlkit.io.FileCheck;

class DataFolderTest {

    @TempDir
    Path dir;

    /** Writes the files and a SHA256SUMS listing all of them, plus an extra listed-but-absent file. */
    private DataFolder folder(String... namesAndContents) throws IOException {
        StringBuilder sums = new StringBuilder("# test data\n\n");
        for (int i = 0; i < namesAndContents.length; i += 2) {
            Path file = dir.resolve(namesAndContents[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, namesAndContents[i + 1]);
            sums.append(DataFolder.sha256(file)).append("  ").append(namesAndContents[i]).append('\n');
        }
        Files.writeString(dir.resolve(DataFolder.CHECKSUMS), sums);
        return DataFolder.of(dir);
    }

    @Test
    void anIntactFileIsHandedOut() throws IOException {
        DataFolder data = folder("tabular/a.csv", "x,y\n1,2\n");

        assertEquals(dir.resolve("tabular/a.csv").toAbsolutePath().normalize(), data.path("tabular/a.csv"));
        assertEquals(data.path("tabular/a.csv"), data.path("./tabular\\a.csv"));
        assertEquals(List.of("tabular/a.csv"), data.files());
    }

    @Test
    void sha256IsLowerCaseHex() throws IOException {
        Path file = dir.resolve("abc.txt");
        Files.writeString(file, "abc");

        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DataFolder.sha256(file));
    }

    @Test
    void aMissingFileIsNamedWithItsFix() throws IOException {
        DataFolder data = folder("a.csv", "1", "b.csv", "2");
        Files.delete(dir.resolve("b.csv"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> data.path("b.csv"));
        assertTrue(e.getMessage().contains("b.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertTrue(e.getMessage().contains("git checkout"), e.getMessage());
    }

    @Test
    void aCorruptFileIsNamedWithItsExpectedChecksum() throws IOException {
        DataFolder data = folder("a.csv", "hello");
        String sha = DataFolder.sha256(dir.resolve("a.csv"));
        Files.writeString(dir.resolve("a.csv"), "jello");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> data.path("a.csv"));
        assertTrue(e.getMessage().contains("a.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertTrue(e.getMessage().contains(sha), e.getMessage());
        assertTrue(e.getMessage().contains("git checkout"), e.getMessage());
    }

    @Test
    void anUnlistedFileIsRefusedWithTheListedOnes() throws IOException {
        DataFolder data = folder("a.csv", "1", "b.csv", "2");
        Files.writeString(dir.resolve("c.csv"), "3");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> data.path("c.csv"));
        assertTrue(e.getMessage().contains("'c.csv'"), e.getMessage());
        assertTrue(e.getMessage().contains("[a.csv, b.csv]"), e.getMessage());
        assertTrue(e.getMessage().contains("sha256sum c.csv >> SHA256SUMS"), e.getMessage());
    }

    @Test
    void aMalformedChecksumLineIsReportedByNumber() throws IOException {
        Files.writeString(dir.resolve(DataFolder.CHECKSUMS), "# header\nnot-a-checksum  a.csv\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataFolder.of(dir));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("not-a-checksum"), e.getMessage());
        assertTrue(e.getMessage().contains("sha256sum"), e.getMessage());
    }

    @Test
    void aChecksumLineWithoutPathIsMalformed() throws IOException {
        Files.writeString(dir.resolve(DataFolder.CHECKSUMS), "a".repeat(64) + "\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataFolder.of(dir));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void binaryModeLinesAndUpperCaseChecksumsAreAccepted() throws IOException {
        Path file = dir.resolve("a.bin");
        Files.writeString(file, "data");
        Files.writeString(dir.resolve(DataFolder.CHECKSUMS),
                DataFolder.sha256(file).toUpperCase() + " *a.bin\n", StandardCharsets.US_ASCII);

        assertEquals(file.toAbsolutePath().normalize(), DataFolder.of(dir).path("a.bin"));
    }

    @Test
    void aFolderWithoutChecksumsIsRefusedWithItsFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataFolder.of(dir));
        assertTrue(e.getMessage().contains("No SHA256SUMS"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("DLKIT_DATA"), e.getMessage());
    }

    @Test
    void verifyAllReportsEveryFileInListOrder() throws IOException {
        DataFolder data = folder("ok.csv", "1", "gone.csv", "2", "bad.csv", "3");
        Files.delete(dir.resolve("gone.csv"));
        Files.writeString(dir.resolve("bad.csv"), "4");

        assertEquals(List.of(
                new FileCheck("ok.csv", FileCheck.Status.OK),
                new FileCheck("gone.csv", FileCheck.Status.MISSING),
                new FileCheck("bad.csv", FileCheck.Status.CORRUPT)), data.verifyAll());
        assertTrue(data.verifyAll().get(0).ok());
    }

    @Test
    void aFileChangedAfterVerificationIsVerifiedAgain() throws IOException {
        DataFolder data = folder("a.csv", "hello");
        Path file = data.path("a.csv");
        FileTime before = Files.getLastModifiedTime(file);

        Files.writeString(file, "jello");
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 60_000));

        assertThrows(IllegalStateException.class, () -> data.path("a.csv"));
        assertEquals(FileCheck.Status.CORRUPT, data.verifyAll().get(0).status());
    }

    @Test
    void aRestoredFileIsAcceptedAgain() throws IOException {
        DataFolder data = folder("a.csv", "hello");
        Path file = dir.resolve("a.csv");
        Files.writeString(file, "jello");
        assertThrows(IllegalStateException.class, () -> data.path("a.csv"));

        Files.writeString(file, "hello");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        assertEquals(file.toAbsolutePath().normalize(), data.path("a.csv"));
    }
}
