package dlkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dlkit.io.FileCheck;

/**
 * A folder of data files with a {@code SHA256SUMS} list (lines {@code <sha256>  <relative path>}).
 * Every file is verified against its checksum before it is handed out, so a truncated copy or an
 * edited file is reported by name with its fix instead of surfacing as a strange training result.
 * {@link Datasets} uses the course's own {@code data/} folder; tests use folders of their own.
 */
public final class DataFolder {

    /** The checksum list inside the folder. */
    public static final String CHECKSUMS = "SHA256SUMS";

    private final Path root;
    private final Map<String, String> expected;
    /** Files already verified in this JVM, keyed by path, with the size and time they had then. */
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    private DataFolder(Path root, Map<String, String> expected) {
        this.root = root;
        this.expected = expected;
    }

    /**
     * Opens a data folder and reads its {@code SHA256SUMS}.
     *
     * @throws IllegalArgumentException when the folder or its checksum list is missing, or a line of the
     *                                  list is malformed
     */
    public static DataFolder of(Path root) {
        Path sums = root.resolve(CHECKSUMS);
        if (!Files.isRegularFile(sums)) {
            throw new IllegalArgumentException("No " + CHECKSUMS + " in data folder " + root.toAbsolutePath()
                    + "; point the course at the data/ folder of your clone (environment variable DLKIT_DATA) "
                    + "or restore it with 'git checkout -- data/'");
        }
        Map<String, String> expected = new LinkedHashMap<>();
        try {
            int lineNumber = 0;
            for (String line : Files.readAllLines(sums)) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+\\*?", 2);
                if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}")) {
                    throw new IllegalArgumentException(sums + " line " + lineNumber + " is not '<sha256>  <path>': '"
                            + line + "'; regenerate it with 'sha256sum <path>' run inside the data folder");
                }
                expected.put(normalise(parts[1]), parts[0].toLowerCase());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + sums, e);
        }
        return new DataFolder(root.toAbsolutePath().normalize(), Collections.unmodifiableMap(expected));
    }

    /** The folder itself. */
    public Path root() {
        return root;
    }

    /** The files the checksum list names, in its order. */
    public List<String> files() {
        return List.copyOf(expected.keySet());
    }

    /**
     * The path of a listed file, verified against its checksum (once per JVM while it is unchanged).
     *
     * @param relative the path inside the folder, e.g. {@code tabular/iris.csv}
     * @throws IllegalArgumentException when the file is not in the checksum list
     * @throws IllegalStateException    when the file is missing or its checksum differs
     */
    public Path path(String relative) {
        String key = normalise(relative);
        String sha = expected.get(key);
        if (sha == null) {
            throw new IllegalArgumentException("'" + relative + "' is not a file of " + root + " (not listed in "
                    + CHECKSUMS + "); files are " + files() + ". To add a file, put it there and append "
                    + "its line with 'sha256sum " + key + " >> " + CHECKSUMS + "' inside the data folder");
        }
        Path file = root.resolve(key);
        FileCheck check = check(key, sha, file);
        switch (check.status()) {
            case MISSING -> throw new IllegalStateException("Data file " + file + " is missing. It ships with the course: "
                    + "restore it with 'git checkout -- data/" + key + "' (or clone the repository again)");
            case CORRUPT -> throw new IllegalStateException("Data file " + file + " is corrupt: its SHA-256 is not the "
                    + "expected " + sha + ". Restore it with 'git checkout -- data/" + key
                    + "' (or clone the repository again)");
            case OK -> {
                return file;
            }
        }
        throw new AssertionError(check);
    }

    /** Checks every listed file; nothing is thrown, the result says what is wrong. */
    public List<FileCheck> verifyAll() {
        List<FileCheck> checks = new ArrayList<>();
        expected.forEach((key, sha) -> checks.add(check(key, sha, root.resolve(key))));
        return checks;
    }

    private FileCheck check(String key, String sha, Path file) {
        if (!Files.isRegularFile(file)) {
            verified.remove(key);
            return new FileCheck(key, FileCheck.Status.MISSING);
        }
        try {
            String stamp = Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
            if (stamp.equals(verified.get(key))) {
                return new FileCheck(key, FileCheck.Status.OK);
            }
            if (!sha256(file).equals(sha)) {
                verified.remove(key);
                return new FileCheck(key, FileCheck.Status.CORRUPT);
            }
            verified.put(key, stamp);
            return new FileCheck(key, FileCheck.Status.OK);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read data file " + file, e);
        }
    }

    /** The SHA-256 of a file, as lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String normalise(String relative) {
        String key = relative.trim().replace('\\', '/');
        while (key.startsWith("./")) {
            key = key.substring(2);
        }
        return key;
    }
}
