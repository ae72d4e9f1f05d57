package dlkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.model.Bundles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model server against clients that misbehave, over raw sockets on loopback: malformed HTTP and JSON get a
 * 4xx with a JSON error, never a 500 or a reset; slow clients cannot keep others waiting.
 */
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

    @Test
    void aBadChunkSizeOrABodyCutShortGetsA400NotA500() throws Exception {
        String chunked = "POST /predict HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n";
        String first = GENTOO.substring(0, 20);
        String second = GENTOO.substring(20);
        Answer whole = send(chunked + Integer.toHexString(first.length()) + "\r\n" + first + "\r\n"
                + Integer.toHexString(second.length()) + "; a=b\r\n" + second + "\r\n0\r\n\r\n");
        assertEquals(200, whole.status(), "a well-formed chunked body: " + whole);
        refused(400, chunked + "zz\r\n" + GENTOO + "\r\n0\r\n\r\n", "chunk size 'zz'", "hexadecimal");
        refused(400, chunked + "5\r\n" + GENTOO + "\r\n0\r\n\r\n", "longer than its size says");

        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{\"rows\":".getBytes(
                    StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            Answer answer = read(socket.getInputStream());
            assertNotNull(answer, "a client that stops sending but still listens gets an answer");
            assertEquals(400, answer.status(), answer.toString());
            assertTrue(answer.error().contains("ended early: the body has 8 of its 100 bytes"), answer.toString());
        }
        long abandoned = health().get("abandonedRequests").asLong();
        try (Socket socket = connect()) {
            socket.setSoLinger(true, 0);
            socket.getOutputStream().write(post(GENTOO).substring(0, 70).getBytes(StandardCharsets.ISO_8859_1));
            Thread.sleep(100);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (health().get("abandonedRequests").asLong() == abandoned && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        JsonNode health = health();
        assertTrue(health.get("abandonedRequests").asLong() > abandoned, "a client gone mid-request: " + health);
        assertFalse(health.get("responses").has("500"), "no client error counts as the server's: " + health);
    }

    @Test
    void errorsOfTheHttpLayerAreJsonToo() throws Exception {
        refused(400, "POST /predict HTTP/1.1\r\nContent-Length: abc\r\n\r\n" + GENTOO, "Content-Length header 'abc'",
                "whole number");
        refused(400, "GET /pre%zzdict HTTP/1.1\r\n\r\n", "URL '/pre%zzdict' is not valid", "%25");
        refused(400, "GET /health HTTP/1.1\r\nX-Header-Without-Colon\r\n\r\n", "has no colon", "'Name: value'");
        refused(400, "GET /health HTTP/1.1\r\nX Name: v\r\n\r\n", "header name 'X Name' is not valid");
        refused(400, "GET /health\r\n\r\n", "request line 'GET /health'", "POST /predict HTTP/1.1");
        refused(505, "GET /health HTTP/2.0\r\n\r\n", "HTTP/2.0 is not supported");
        refused(501, "POST /predict HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "Transfer-Encoding 'gzip'");
        refused(400, "POST /predict HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", "both");
        refused(417, "POST /predict HTTP/1.1\r\nExpect: wonders\r\nContent-Length: 2\r\n\r\n{}", "Expect header");
        refused(413, "POST /predict HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n", "2000000 bytes",
                "over the limit of 1048576 bytes");
        refused(414, "GET /" + "a".repeat(1 << 20) + " HTTP/1.1\r\n\r\n", "longer than 8192 bytes", "POST /predict");
        refused(431, "GET /health HTTP/1.1\r\nX-Big: " + "b".repeat(1 << 20) + "\r\n\r\n", "headers are longer than "
                + "16384 bytes");
        refused(431, "GET /health HTTP/1.1\r\n" + "X-Many: 1\r\n".repeat(101) + "\r\n", "more than 100 headers");
        assertFalse(health().get("responses").has("500"));
    }

    @Test
    void bareLineFeedsPipelinedRequestsAndExpectContinueAreServed() throws Exception {
        Answer lineFeeds = send("GET /health HTTP/1.1\nHost: localhost\n\n");
        assertEquals(200, lineFeeds.status(), "a request with LF-only line ends: " + lineFeeds);

        try (Socket socket = connect()) {
            socket.getOutputStream().write((post(GENTOO) + "GET /metadata HTTP/1.1\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            Answer first = read(socket.getInputStream());
            Answer second = read(socket.getInputStream());
            assertEquals(200, first.status(), String.valueOf(first));
            assertTrue(first.body().contains("Gentoo"), first.body());
            assertEquals(200, second.status(), String.valueOf(second));
            assertTrue(second.body().contains("penguin-species"), second.body());
        }

        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /predict HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: " + GENTOO.length()
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(100, read(socket.getInputStream()).status(), "100 Continue before the body");
            out.write(GENTOO.getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(200, read(socket.getInputStream()).status());
        }
    }

    @Test
    void fiftySlowClientsDoNotKeepAnotherWaiting() throws Exception {
        byte[] request = post(GENTOO).getBytes(StandardCharsets.ISO_8859_1);
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < 50; i++) {
                slow.add(connect());
            }
            AtomicInteger next = new AtomicInteger();
            ScheduledFuture<?> dripping = drip.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                for (Socket socket : slow) {
                    try {
                        socket.getOutputStream().write(request[i % request.length]);
                    } catch (IOException e) {
                        throw new IllegalStateException("the server dropped a slow client after " + i + " bytes", e);
                    }
                }
            }, 0, 1, TimeUnit.SECONDS);
            Thread.sleep(1500);
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest predict = HttpRequest.newBuilder(server.url().resolve("/predict")).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(GENTOO)).build();
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = client.send(predict, HttpResponse.BodyHandlers.ofString());
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(200, answer.statusCode(), answer.body());
                assertTrue(millis < 1000, "request " + i + " took " + millis + " ms beside 50 slow clients");
                Thread.sleep(100);
            }
            assertFalse(dripping.isDone(), "the slow clients were still sending");
        } finally {
            drip.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void slowClientsUpToTheConnectionLimitStillLeaveRoomForAnother() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < HttpFront.MAX_CONNECTIONS; i++) {
                Socket socket = connect();
                socket.getOutputStream().write('P');
                slow.add(socket);
            }
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                Answer answer = send(post(GENTOO));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(200, answer.status(), answer.toString());
                assertTrue(millis < 1000, "request " + i + " took " + millis + " ms beside a full house of slow clients");
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aClientTooSlowToSendItsRequestGetsA408() throws Exception {
        try (ModelServer quick = ModelServer.of(Bundles.penguinSpecies()).port(0)
                .requestTimeout(Duration.ofMillis(500)).start();
             Socket socket = new Socket(quick.url().getHost(), quick.port())) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            socket.getOutputStream().write("GET /hea".getBytes(StandardCharsets.ISO_8859_1));
            Answer answer = read(socket.getInputStream());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertNotNull(answer);
            assertEquals(408, answer.status(), answer.toString());
            assertTrue(answer.error().contains("took longer than 0.5 s"), answer.toString());
            assertTrue(millis >= 450 && millis < 3000, "answered after " + millis + " ms");
            assertEquals(-1, socket.getInputStream().read(), "the connection is closed after a 408");
        }
    }
}
