package dlkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.model.Bundles;
import dlkit.model.ModelBundle;
import dlkit.model.Prediction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model server over real HTTP on loopback: answers, and a 4xx with a JSON error for each bad input. */
class ModelServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static ModelBundle bundle;
    private static ModelServer server;

    @BeforeAll
    static void start() {
        bundle = Bundles.penguinSpecies();
        server = ModelServer.of(bundle).port(0).maxBodyBytes(4096).maxRows(20).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static final String ADELIE = "{\"bill_length_mm\": 39.1, \"bill_depth_mm\": 18.7, \"flipper_length_mm\": 181,"
            + " \"body_mass_g\": 3750, \"island\": \"Torgersen\", \"sex\": \"male\"}";
    private static final String GENTOO = "{\"bill_length_mm\": 47.5, \"bill_depth_mm\": 14.2, \"flipper_length_mm\": 225,"
            + " \"body_mass_g\": 5200, \"island\": \"Biscoe\", \"sex\": \"female\"}";

    static HttpResponse<String> post(URI base, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(base.resolve("/predict")).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts {@code body}, asserts the status and a JSON error containing every part; returns the error. */
    private static String refused(int status, String body, String... parts) throws Exception {
        HttpResponse<String> response = post(server.url(), body);
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        String error = JSON.readTree(response.body()).path("error").asText();
        for (String part : parts) {
            assertTrue(error.contains(part), () -> "error lacks '" + part + "': " + error);
        }
        return error;
    }

    @Test
    void predictAnswersLabelsAndProbabilitiesEqualToTheBundles() throws Exception {
        HttpResponse<String> response = post(server.url(), "{\"rows\": [" + ADELIE + ", " + GENTOO + "]}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode predictions = JSON.readTree(response.body()).get("predictions");
        assertEquals(2, predictions.size());
        com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> row = new com.fasterxml.jackson.core.type.TypeReference<>() { };
        List<Prediction> expected = bundle.predict(List.of(JSON.readValue(ADELIE, row), JSON.readValue(GENTOO, row)));
        for (int i = 0; i < 2; i++) {
            assertEquals(expected.get(i).label(), predictions.get(i).get("label").asText());
            assertEquals(expected.get(i).value(), predictions.get(i).get("probability").asDouble(), 1e-12);
            assertEquals(3, predictions.get(i).get("probabilities").size());
        }
        assertEquals("Adelie", predictions.get(0).get("label").asText());
        assertEquals("Gentoo", predictions.get(1).get("label").asText());

        assertEquals(200, post(server.url(), "[" + ADELIE + "]").statusCode(), "a bare list of rows");
        assertEquals(200, post(server.url(), ADELIE).statusCode(), "a single row");
    }

    @Test
    void healthAndMetadataDescribeTheServerAndTheModel() throws Exception {
        post(server.url(), ADELIE);
        JsonNode health = JSON.readTree(get(server.url(), "/health").body());
        assertEquals("ok", health.get("status").asText());
        assertTrue(health.get("requests").asLong() >= 1);
        assertTrue(health.has("latencyMs"));
        assertTrue(health.get("inputDrift").has("bill_length_mm"));

        HttpResponse<String> metadata = get(server.url(), "/metadata");
        assertEquals(200, metadata.statusCode());
        JsonNode json = JSON.readTree(metadata.body());
        assertEquals("penguin-species", json.get("name").asText());
        assertEquals("1.0", json.get("version").asText());
        assertEquals(6, json.get("preprocessor").get("inputs").size());
        assertEquals("[\"Adelie\",\"Chinstrap\",\"Gentoo\"]", json.get("preprocessor").get("classes").toString());
    }

    @Test
    void anOnnxBundleIsServedWithTheSameAnswersAndErrors() throws Exception {
        ModelBundle onnx = Bundles.penguinOnnx();
        try (ModelServer served = ModelServer.of(onnx).port(0).start()) {
            HttpResponse<String> answer = post(served.url(), "{\"rows\": [" + ADELIE + ", " + GENTOO + "]}");
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode predictions = JSON.readTree(answer.body()).get("predictions");
            assertEquals("Adelie", predictions.get(0).get("label").asText());
            assertEquals("Gentoo", predictions.get(1).get("label").asText());
            assertEquals(onnx.predict(JSON.readValue(ADELIE, Map.class)).value(),
                    predictions.get(0).get("probability").asDouble(), 1e-7);
            for (String bad : List.of(ADELIE.replace("Torgersen", "Atlantis"), ADELIE.replace("39.1", "\"long\""))) {
                HttpResponse<String> fromOnnx = post(served.url(), "{\"rows\": [" + bad + "]}");
                HttpResponse<String> fromDl4j = post(server.url(), "{\"rows\": [" + bad + "]}");
                assertEquals(400, fromOnnx.statusCode());
                assertEquals(fromDl4j.body(), fromOnnx.body(), "the same error as a DL4J bundle's server");
            }
            JsonNode metadata = JSON.readTree(get(served.url(), "/metadata").body());
            assertEquals("ONNX", metadata.path("network").asText());
        }
    }

    @Test
    void everyBadInputGetsA400WithWhatIsWrong() throws Exception {
        String halfJson = refused(400, "{\"rows\": [", "not valid JSON", "line 1");
        assertFalse(halfJson.contains("Source:"), halfJson);
        refused(400, "", "empty");
        refused(400, "{\"rows\": []}", "no rows");
        refused(400, "{\"rows\": 5}", "must be a list", "the number 5");
        refused(400, "{\"rows\": [3]}", "row 0 is the number 3");
        refused(400, "{\"rows\": [" + ADELIE.replace("\"sex\": \"male\"", "\"sexx\": \"male\"") + "]}",
                "'sexx'", "not an input", "did you mean 'sex'?");
        refused(400, "{\"rows\": [" + ADELIE.replace(", \"sex\": \"male\"", "") + "]}", "lacks column 'sex'");
        refused(400, "{\"rows\": [" + GENTOO + ", " + ADELIE.replace("39.1", "\"long\"") + "]}",
                "row 1", "'bill_length_mm'", "\"long\"", "not a number");
        refused(400, "{\"rows\": [" + ADELIE.replace("39.1", "\"39.1\"") + "]}", "without quotes: 39.1");
        refused(400, "{\"rows\": [" + ADELIE.replace("39.1", "null") + "]}", "missing (null)");
        refused(400, "{\"rows\": [" + ADELIE.replace("39.1", "[1, 2]") + "]}", "a list", "not a number");
        refused(400, "{\"rows\": [" + ADELIE.replace("Torgersen", "Atlantis") + "]}", "'Atlantis'",
                "[Biscoe, Dream, Torgersen]");
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("{}");
        }
        refused(400, many.append("]").toString(), "21 rows", "limit of 20");
        refused(413, "{\"rows\": [" + (ADELIE + ",").repeat(40) + ADELIE + "]}", "over the limit of 4096 bytes");

        HttpResponse<String> health = get(server.url(), "/health");
        assertEquals(200, health.statusCode(), "the server lives on after bad requests");
        assertFalse(JSON.readTree(health.body()).get("responses").has("500"), health.body());
    }

    @Test
    void valuesTooLargeForTheNetworkGetA400AndStayOutOfTheDrift() throws Exception {
        post(server.url(), GENTOO);
        refused(400, GENTOO.replace("5200", "1e308"), "row 0", "'body_mass_g'", "1.0E308", "out of range",
                "standard deviation");
        // Scaled, this one still fits a float, but the network's numbers overflow on it (NaN).
        refused(400, GENTOO.replace("225", "3e39"), "row 0", "'flipper_length_mm'");
        JsonNode drift = JSON.readTree(get(server.url(), "/health").body()).get("inputDrift");
        for (String column : List.of("body_mass_g", "flipper_length_mm")) {
            double served = drift.get(column).get("servedMean").asDouble();
            assertTrue(served > 0 && served < 10_000, column + " drifted to " + served + ": refused rows were counted");
        }

        try (ModelServer mass = ModelServer.of(Bundles.penguinMass()).port(0).start()) {
            String row = GENTOO.replace(", \"body_mass_g\": 5200", "");
            HttpResponse<String> fine = post(mass.url(), row);
            assertEquals(200, fine.statusCode(), fine.body());
            assertTrue(Double.isFinite(JSON.readTree(fine.body()).at("/predictions/0/value").asDouble()), fine.body());
            HttpResponse<String> huge = post(mass.url(), row.replace("225", "1e308"));
            assertEquals(400, huge.statusCode(), huge.body());
            assertTrue(huge.body().contains("'flipper_length_mm' is 1.0E308, out of range"), huge.body());
        }
    }

    @Test
    void wrongPathsAndMethodsGet404And405() throws Exception {
        HttpResponse<String> missing = get(server.url(), "/predictions");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("POST /predict"));
        HttpResponse<String> method = get(server.url(), "/predict");
        assertEquals(405, method.statusCode());
        assertEquals("POST", method.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void itListensOnLoopbackOnlyByDefault() {
        try (ModelServer local = ModelServer.of(bundle).port(0).start()) {
            assertEquals("127.0.0.1", local.url().getHost());
        }
    }

    @Test
    void startingAgainOnTheSamePortReplacesTheOldServer() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ModelServer first = ModelServer.start(bundle, port);
        ModelServer second = ModelServer.start(bundle, port);
        assertEquals(200, get(second.url(), "/health").statusCode());
        second.stop();
        first.stop();
        assertThrows(ConnectException.class, () -> get(URI.create("http://127.0.0.1:" + port), "/health"));
    }

    @Test
    void aPortHeldByAnotherProgramGivesAClearError() throws Exception {
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress("127.0.0.1", 0));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ModelServer.start(bundle, other.getLocalPort()));
            String message = e.getMessage();
            assertTrue(message.contains("in use by another program") && message.contains("port(0)"), message);
            assertTrue(message.contains("ModelServer.start(bundle, " + (other.getLocalPort() + 1) + ")"), message);
            assertFalse(message.contains("--port"), "the command line's option, not Java's: " + message);
        }
    }
}
