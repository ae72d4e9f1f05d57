package dlkit.serve;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP request, read in full and checked by {@link RequestReader}.
 *
 * @param method  the method, e.g. {@code POST}
 * @param target  the URL as sent, already checked to be valid (so {@link URI#getPath()} decodes it)
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers the headers by lower-case name; a header sent twice holds both values, joined by ", "
 * @param body    the body, decoded from chunks when it came in chunks; empty when there was none
 */
record Request(String method, URI target, String version, Map<String, String> headers, byte[] body) {

    /** The decoded path, e.g. {@code /predict}. */
    String path() {
        return target.getPath();
    }

    /**
     * Whether the connection stays open for another request: with HTTP/1.1 unless the client says
     * {@code Connection: close}; never with HTTP/1.0, whose clients may not count on it.
     */
    boolean keepAlive() {
        String connection = headers.getOrDefault("connection", "").toLowerCase(java.util.Locale.ROOT);
        return "HTTP/1.1".equals(version) && !connection.contains("close");
    }

    /** Whether the answer has headers only ({@code HEAD}). */
    boolean head() {
        return "HEAD".equals(method);
    }
}
