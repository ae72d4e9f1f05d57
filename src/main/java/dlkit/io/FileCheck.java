package dlkit.io;

/**
 * The state of one shipped data file, as {@link DataFolder#verifyAll()} finds it.
 *
 * @param path   the file's path inside {@code data/}, e.g. {@code mnist/train-images-idx3-ubyte.gz}
 * @param status whether it is there and intact
 */
public record FileCheck(String path, Status status) {

    /** What a check found. */
    public enum Status {
        /** Present, and its SHA-256 matches {@code SHA256SUMS}. */
        OK,
        /** Listed in {@code SHA256SUMS} but not on disk. */
        MISSING,
        /** On disk, but its SHA-256 differs from {@code SHA256SUMS}. */
        CORRUPT
    }

    /** Whether the file is present and intact. */
    public boolean ok() {
        return status == Status.OK;
    }
}
