package dlkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.model.Bundles;
import dlkit.model.ModelBundle;
import dlkit.model.Prediction;
import org.junit.jupiter.api.Test;

/**
 * Concurrent clients on loopback, bounded in count (8 clients x 250 requests of 1-8 rows) and time (2 minutes):
 * no errors, and every answer equal to the bundle's own prediction for those rows, which a network shared
 * unsafely between threads would break. Prints latency percentiles and throughput.
 */
class ModelServerLoadIT {

    private static final int CLIENTS = 8;
    private static final int REQUESTS_EACH = 250;

    @Test
    void concurrentClientsGetCorrectAnswersWithoutErrors() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> load(Bundles.penguinSpecies()));
    }

    @Test
    void anOnnxModelIsServedTheSameWay() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> load(Bundles.penguinOnnx()));
    }

    private void load(ModelBundle bundle) throws Exception {
        List<Map<String, Object>> rows = Bundles.rows(Bundles.penguinTest());
        List<Prediction> expected = bundle.predict(rows);
        ObjectMapper json = new ObjectMapper();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        long[] latencies = new long[CLIENTS * REQUESTS_EACH];
        int[] rowsSent = new int[CLIENTS];
        try (ModelServer server = ModelServer.of(bundle).port(0).threads(4).start()) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int id = c;
                running.add(clients.submit(() -> {
                    Random random = new Random(id);
                    for (int i = 0; i < REQUESTS_EACH; i++) {
                        int first = random.nextInt(rows.size() - 8);
                        int count = 1 + random.nextInt(8);
                        rowsSent[id] += count;
                        long sent = System.nanoTime();
                        try {
                            String body = json.writeValueAsString(Map.of("rows", rows.subList(first, first + count)));
                            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.url().resolve("/predict"))
                                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            latencies[id * REQUESTS_EACH + i] = System.nanoTime() - sent;
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                                continue;
                            }
                            JsonNode predictions = json.readTree(response.body()).get("predictions");
                            for (int r = 0; r < count; r++) {
                                Prediction want = expected.get(first + r);
                                JsonNode got = predictions.get(r);
                                double difference = Math.abs(want.value() - got.get("probability").asDouble());
                                if (!want.label().equals(got.get("label").asText()) || difference > 1e-6) {
                                    System.out.println("row " + (first + r) + ": " + want + " vs " + got);
                                    wrong.incrementAndGet();
                                }
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            clients.shutdown();
            Arrays.sort(latencies);
            int n = latencies.length;
            System.out.printf("model server load test (" + bundle.name() + "): %d clients x %d requests (%d rows) in %.2f s: %.0f requests/s, "
                            + "%.0f rows/s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; %d errors%n",
                    CLIENTS, REQUESTS_EACH, Arrays.stream(rowsSent).sum(), seconds, n / seconds,
                    Arrays.stream(rowsSent).sum() / seconds, latencies[n / 2] / 1e6,
                    latencies[(int) Math.ceil(0.99 * n) - 1] / 1e6, latencies[n - 1] / 1e6, errors.get());
        }
        assertEquals(0, errors.get(), "requests that failed");
        assertEquals(0, wrong.get(), "answers that differ from the bundle's own prediction");
    }
}
