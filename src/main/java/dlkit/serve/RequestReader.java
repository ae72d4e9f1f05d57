package dlkit.serve;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 request from the bytes of a connection as they arrive, in pieces of any size, without ever
 * waiting for more: the request line, the headers, and a body of a given Content-Length or in chunks. Each part
 * is checked as it comes; as soon as one is malformed or over its limit, an {@link HttpError} says what is wrong
 * and with which status to answer, so a 1 MiB URL is refused after its first 8 KiB. Lines may end in CRLF or in
 * a bare LF.
 */
final class RequestReader {

    /** The longest request line (method, URL and version), in bytes; a longer one gets a 414. */
    static final int MAX_REQUEST_LINE = 8 * 1024;
    /** The most bytes of header lines; more get a 431. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** The most header lines; more get a 431. */
    static final int MAX_HEADERS = 100;
    private static final int MAX_CHUNK_LINE = 256;
    private static final int MAX_BLANK_LINES = 8;

    private enum Part { REQUEST_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, DONE }

    private final int maxBody;
    private Part part = Part.REQUEST_LINE;
    private byte[] line = new byte[256];
    private int lineLength;
    private long received;
    private int blankLines;
    private int headerBytes;
    private int headerCount;
    private String method;
    private URI target;
    private String version;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private long contentLength = -1;
    private ByteArrayOutputStream body = new ByteArrayOutputStream(0);
    private long remaining;
    private boolean continueWanted;

    /** A reader that refuses bodies over {@code maxBody} bytes with a 413. */
    RequestReader(int maxBody) {
        this.maxBody = maxBody;
    }

    /**
     * Reads {@code data[offset, offset + length)} up to the end of the request.
     *
     * @return how many bytes belong to this request: fewer than {@code length} when it ended before them, and the
     *         rest is the start of the next request
     * @throws HttpError as soon as the request is malformed or over a limit
     */
    int read(byte[] data, int offset, int length) throws HttpError {
        int i = offset;
        int end = offset + length;
        while (i < end && part != Part.DONE) {
            if (part == Part.BODY || part == Part.CHUNK_DATA) {
                int n = (int) Math.min(remaining, end - i);
                body.write(data, i, n);
                i += n;
                remaining -= n;
                if (remaining == 0) {
                    part = part == Part.BODY ? Part.DONE : Part.CHUNK_END;
                }
            } else {
                byte b = data[i++];
                if (b == '\n') {
                    endOfLine();
                } else {
                    append(b);
                }
            }
        }
        received += i - offset;
        return i - offset;
    }

    /** Whether any byte of the request has come. */
    boolean started() {
        return received > 0;
    }

    /** Whether the whole request has come. */
    boolean complete() {
        return part == Part.DONE;
    }

    /** Whether the client waits for "100 Continue" before it sends the body; true once, when the headers are in. */
    boolean takeContinue() {
        boolean wanted = continueWanted;
        continueWanted = false;
        return wanted;
    }

    /** The method, once the request line has come, else null. */
    String method() {
        return method;
    }

    /** The request, once {@link #complete()}. */
    Request request() {
        if (part != Part.DONE) {
            throw new IllegalStateException("the request is not complete yet: " + progress());
        }
        return new Request(method, target, version, Map.copyOf(headers), body.toByteArray());
    }

    /** How far the request has come, for a message about one cut off or too slow, e.g. "the body has 10 of 100 bytes". */
    String progress() {
        return switch (part) {
            case REQUEST_LINE -> "only " + received + " bytes of the request line came";
            case HEADERS, TRAILERS -> "the headers came without the blank line that ends them";
            case BODY -> "the body has " + body.size() + " of its " + contentLength + " bytes";
            case CHUNK_SIZE, CHUNK_DATA, CHUNK_END -> "the chunked body stopped after " + body.size() + " bytes, "
                    + "before its last chunk (of size 0)";
            case DONE -> "the request is complete";
        };
    }

    private void append(byte b) throws HttpError {
        if (lineLength == line.length) {
            line = java.util.Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
        switch (part) {
            case REQUEST_LINE -> {
                if (lineLength > MAX_REQUEST_LINE) {
                    throw new HttpError(414, "the request line (method, URL, version) is longer than " + MAX_REQUEST_LINE
                            + " bytes: the URL is too long; send the input rows in the body of a POST /predict");
                }
            }
            case HEADERS, TRAILERS -> {
                if (headerBytes + lineLength > MAX_HEADER_BYTES) {
                    throw new HttpError(431, "the headers are longer than " + MAX_HEADER_BYTES + " bytes; send fewer "
                            + "or shorter headers (this server needs none but Content-Length)");
                }
            }
            case CHUNK_SIZE -> {
                if (lineLength > MAX_CHUNK_LINE) {
                    throw new HttpError(400, "a chunk-size line of the chunked body is longer than " + MAX_CHUNK_LINE
                            + " bytes; start each chunk with its size in hexadecimal, e.g. '1a' for 26 bytes");
                }
            }
            case CHUNK_END -> {
                if (b != '\r' || lineLength > 1) {
                    throw new HttpError(400, "a chunk of the chunked body is longer than its size says; send each "
                            + "chunk as its size in hexadecimal, a line end, exactly that many bytes, a line end");
                }
            }
            default -> throw new IllegalStateException("no line is read in part " + part);
        }
    }

    private void endOfLine() throws HttpError {
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
        int bytes = lineLength + 1;
        lineLength = 0;
        switch (part) {
            case REQUEST_LINE -> {
                if (!text.isEmpty()) {
                    requestLine(text);
                } else if (++blankLines > MAX_BLANK_LINES) {
                    throw new HttpError(400, "the request starts with " + blankLines + " blank lines; start it with "
                            + "the request line, e.g. 'POST /predict HTTP/1.1'");
                }
            }
            case HEADERS -> {
                headerBytes += bytes;
                if (text.isEmpty()) {
                    endOfHeaders();
                } else {
                    header(text);
                }
            }
            case CHUNK_SIZE -> chunkSize(text);
            case CHUNK_END -> part = Part.CHUNK_SIZE;
            case TRAILERS -> {
                headerBytes += bytes;
                if (text.isEmpty()) {
                    part = Part.DONE;
                } else if (text.indexOf(':') <= 0) {
                    throw new HttpError(400, "the trailer line '" + shorten(text) + "' after the last chunk has no "
                            + "colon; end a chunked body with '0', a line end, and a blank line");
                }
            }
            default -> throw new IllegalStateException("no line is read in part " + part);
        }
    }

    private void requestLine(String text) throws HttpError {
        String[] parts = text.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new HttpError(400, "the request line '" + shorten(text) + "' is not a method, a URL and a version "
                    + "with one space between them; send e.g. 'POST /predict HTTP/1.1'");
        }
        if (!isToken(parts[0])) {
            throw new HttpError(400, "the method '" + shorten(parts[0]) + "' is not a valid method name; send e.g. "
                    + "'POST /predict HTTP/1.1'");
        }
        method = parts[0];
        version = version(parts[2]);
        target = target(parts[1]);
        part = Part.HEADERS;
    }

    private static String version(String text) throws HttpError {
        if (!text.matches("HTTP/[0-9]\\.[0-9]")) {
            throw new HttpError(400, "the request line ends in '" + shorten(text) + "', not an HTTP version; end it "
                    + "with HTTP/1.1, e.g. 'POST /predict HTTP/1.1'");
        }
        if (!text.equals("HTTP/1.1") && !text.equals("HTTP/1.0")) {
            throw new HttpError(505, "the HTTP version " + text + " is not supported; send HTTP/1.1");
        }
        return text;
    }

    private static URI target(String text) throws HttpError {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!text.startsWith("/") && !lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new HttpError(400, "the URL '" + shorten(text) + "' is not a path; ask for e.g. /predict");
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new HttpError(400, "the URL '" + shorten(text) + "' is not valid: " + e.getReason().toLowerCase(Locale.ROOT)
                    + " at character " + e.getIndex() + "; write '%' as %25 and escape other special characters the same "
                    + "way (a space as %20), e.g. /predict");
        }
    }

    private void header(String text) throws HttpError {
        if (text.charAt(0) == ' ' || text.charAt(0) == '\t') {
            throw new HttpError(400, "the header line '" + shorten(text) + "' starts with a space: a header folded "
                    + "over several lines is not accepted; put each header on one line");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new HttpError(400, "the header line '" + shorten(text) + "' has no colon; a header is 'Name: value', "
                    + "e.g. 'Content-Type: application/json'");
        }
        String name = text.substring(0, colon);
        if (!isToken(name)) {
            throw new HttpError(400, "the header name '" + shorten(name) + "' is not valid: a name has no spaces "
                    + "(also none before the colon) and no special characters; a header is 'Name: value'");
        }
        String value = text.substring(colon + 1).strip();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 127) {
                throw new HttpError(400, "the value of header '" + name + "' holds a control character (code "
                        + (int) c + "); send printable text");
            }
        }
        if (++headerCount > MAX_HEADERS) {
            throw new HttpError(431, "the request has more than " + MAX_HEADERS + " headers; send fewer (this "
                    + "server needs none but Content-Length)");
        }
        headers.merge(name.toLowerCase(Locale.ROOT), value, (first, second) -> first + ", " + second);
    }

    private void endOfHeaders() throws HttpError {
        String chunked = headers.get("transfer-encoding");
        String length = headers.get("content-length");
        if (chunked != null && length != null) {
            throw new HttpError(400, "the request has both Transfer-Encoding and Content-Length; send one of them");
        }
        if (chunked != null) {
            if (!chunked.equalsIgnoreCase("chunked")) {
                throw new HttpError(501, "Transfer-Encoding '" + shorten(chunked) + "' is not supported; send the body "
                        + "as it is with a Content-Length, or 'Transfer-Encoding: chunked'");
            }
            part = Part.CHUNK_SIZE;
        } else if (length != null) {
            contentLength = contentLength(length);
            remaining = contentLength;
            body = new ByteArrayOutputStream((int) Math.min(contentLength, 64 * 1024));
            part = contentLength == 0 ? Part.DONE : Part.BODY;
        } else {
            part = Part.DONE;
        }
        expect(headers.get("expect"));
    }

    private long contentLength(String text) throws HttpError {
        String[] values = text.split(",");
        for (String value : values) {
            if (!value.strip().matches("[0-9]{1,18}") || !value.strip().equals(values[0].strip())) {
                throw new HttpError(400, "the Content-Length header '" + shorten(text) + "' is not a whole number of "
                        + "bytes; send the body's length in bytes, e.g. 'Content-Length: 120'");
            }
        }
        long bytes = Long.parseLong(values[0].strip());
        if (bytes > maxBody) {
            throw new HttpError(413, "the body has " + bytes + " bytes, over the limit of " + maxBody + " bytes; send "
                    + "fewer rows per request");
        }
        return bytes;
    }

    private void expect(String expect) throws HttpError {
        if (expect == null) {
            return;
        }
        if (!expect.equalsIgnoreCase("100-continue")) {
            throw new HttpError(417, "the Expect header '" + shorten(expect) + "' is not supported; leave it out, or "
                    + "send 'Expect: 100-continue'");
        }
        continueWanted = part != Part.DONE && "HTTP/1.1".equals(version);
    }

    private void chunkSize(String text) throws HttpError {
        int semicolon = text.indexOf(';');
        String size = (semicolon >= 0 ? text.substring(0, semicolon) : text).strip();
        if (!size.matches("[0-9A-Fa-f]{1,15}")) {
            throw new HttpError(400, "the chunk size '" + shorten(size) + "' is not a hexadecimal number; start each "
                    + "chunk of a chunked body with its size in hexadecimal and a line end, e.g. '1a' for 26 bytes");
        }
        long bytes = Long.parseLong(size, 16);
        if (bytes == 0) {
            part = Part.TRAILERS;
            return;
        }
        if (body.size() + bytes > maxBody) {
            throw new HttpError(413, "the body is over the limit of " + maxBody + " bytes; send fewer rows per request");
        }
        remaining = bytes;
        part = Part.CHUNK_DATA;
    }

    /** Whether {@code text} is an HTTP token: a method or a header name. */
    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} cut to 60 characters for a message, saying how long it was. */
    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "... (" + text.length() + " characters)";
    }
}
