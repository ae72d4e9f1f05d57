package dlkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.model.Bundles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model server against clients that misbehave, over raw sockets on loopback: malformed JSON gets a 400. */
class ModelServerBadClientsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GENTOO = "{\"bill_length_mm\": 47.5, \"bill_depth_mm\": 14.2, \"flipper_length_mm\": 225,"
            + " \"body_mass_g\": 5200, \"island\": \"Biscoe\", \"sex\": \"female\"}";
    private static ModelServer server;

    @BeforeAll
    static void start() {
        server = ModelServer.of(Bundles.penguinSpecies()).port(0).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** One answer read off a socket: status, headers by lower-case name, body. */
    record Answer(int status, Map<String, String> headers, String body) {
        /** The JSON error, after checking that the answer is JSON. */
        String error() throws IOException {
            assertTrue(headers.getOrDefault("content-type", "").startsWith("application/json"), "not JSON: " + this);
            return JSON.readTree(body).path("error").asText();
        }
    }

    /** Sends {@code request} as it is on a new connection and reads the answer. */
    static Answer send(String request) throws IOException {
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Answer send(byte[] request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            Answer answer = read(socket.getInputStream());
            assertNotNull(answer, "the server closed the connection without an answer");
            return answer;
        }
    }

    static Socket connect() throws IOException {
        Socket socket = new Socket(server.url().getHost(), server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Reads one answer, or null when the connection ends before one. */
    static Answer read(InputStream in) throws IOException {
        String status = line(in);
        if (status == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Answer(Integer.parseInt(status.split(" ")[1]), headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    static String post(String body) {
        return "POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** Sends {@code request}, asserts the status and a JSON error containing every part. */
    private static void refused(int status, String request, String... parts) throws IOException {
        Answer answer = send(request);
        assertEquals(status, answer.status(), answer.toString());
        String error = answer.error();
        for (String part : parts) {
            assertTrue(error.contains(part), () -> "error lacks '" + part + "': " + error);
        }
    }

    private static JsonNode health() throws IOException {
        return JSON.readTree(send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n").body());
    }

    @Test
    void jsonTooDeepANumberTooLongOrAKeyTooLongGetsA400SayingWhich() throws Exception {
        refused(400, post("[".repeat(1001) + "]".repeat(1001)), "too deep", "1001 levels", "limit of 1000", "flat");
        refused(400, post("{\"body_mass_g\": 1" + "0".repeat(1000) + "}"), "number", "too long", "limit of 1000",
                "fewer digits");
        refused(400, post("{\"" + "k".repeat(50_001) + "\": 1}"), "key", "too long", "50001 characters",
                "limit of 50000", "bill_length_mm");
        assertFalse(health().get("responses").has("500"));
    }

    @Test
    void trailingDataAndDuplicateKeysGetA400() throws Exception {
        refused(400, post(GENTOO + " garbage"), "goes on after its JSON value", "nothing after it");
        refused(400, post(GENTOO + " " + GENTOO), "goes on after its JSON value");
        refused(400, post(GENTOO.replace("}", ", \"sex\": \"male\"}")), "Duplicate field 'sex'", "each key once");
        assertEquals(200, send(post(GENTOO + " \r\n")).status(), "white space after the JSON is fine");
    }
}
