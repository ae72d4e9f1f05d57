package dlkit.serve;

/**
 * A request the server refuses: the HTTP status to answer (400 for a malformed request, 413 for a body over the
 * limit, ...) and a message that says what is wrong, the offending value, and how to fix it.
 */
final class HttpError extends Exception {

    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
