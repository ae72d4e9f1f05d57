package dlkit.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlkit.data.InvalidInputException;
import dlkit.model.ModelBundle;
import dlkit.model.Prediction;

/**
 * An HTTP server for a {@link ModelBundle}:
 * <ul>
 * <li>{@code POST /predict} with {@code {"rows": [{"bill_length_mm": 39.1, "island": "Torgersen", ...}, ...]}}
 *     (or a bare list of rows, or one row) answers {@code {"predictions": [{"label": ..., "probability": ...,
 *     "probabilities": {...}}, ...]}}, or {@code {"value": ...}} per row for a regression;</li>
 * <li>{@code GET /health}: status, uptime, request and error counts, latency percentiles, and how far the
 *     inputs served drift from the training data;</li>
 * <li>{@code GET /metadata}: the bundle's name, version, inputs, labels and metrics.</li>
 * </ul>
 * Safe by default: it listens on 127.0.0.1 only, refuses bodies over 1 MiB (413) and batches over 1,000 rows,
 * and answers every malformed request with a 400 (or the 4xx that fits) and a JSON {@code {"error": "..."}}
 * saying what is wrong; an unexpected failure gives a 500 for that request only. A prediction is never NaN:
 * values too far out of range for the network are refused, and stay out of the drift statistics.
 *
 * <p>Bad clients cannot stop it: one thread reads every connection without blocking ({@link HttpFront}), so
 * slow clients hold buffers, not threads; only a request read in full and well formed goes to the small pool of
 * worker threads. A request must arrive within the request timeout (10 s; else a 408), URLs and headers are
 * limited (8 KiB, 414; 16 KiB, 431), and the bundle lets workers take turns on the network, which DL4J does not
 * allow to be used by two at once.
 *
 * <p>Starting a server on a port that a server of this JVM still holds stops that one first, so a notebook
 * cell that starts a server can be run again.
 */
public final class ModelServer implements AutoCloseable {

    /** Refuses a key given twice in one object, rather than keeping the last. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern OVER_LIMIT = Pattern.compile("\\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");
    private static final Map<Integer, ModelServer> RUNNING = new ConcurrentHashMap<>();
    private static final String ENDPOINTS = "POST /predict, GET /health, GET /metadata";

    private final ModelBundle bundle;
    private final HttpFront front;
    private final ExecutorService workers;
    private final Options options;
    private final Instant started = Instant.now();
    private final Monitor monitor;

    /** Settings of a server; see {@link #of(ModelBundle)}. */
    public static final class Options {
        private final ModelBundle bundle;
        private String host = "127.0.0.1";
        private int port = 8080;
        private int maxBodyBytes = 1 << 20;
        private int maxRows = 1000;
        private int threads = 4;
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Options(ModelBundle bundle) {
            this.bundle = bundle;
        }

        /**
         * The address to listen on (default 127.0.0.1: this machine only). {@code "0.0.0.0"} listens on every
         * network interface, so that other machines can call it: only do that behind a firewall you trust.
         */
        public Options host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("ModelServer.host: give an address, e.g. \"127.0.0.1\"");
            }
            this.host = host;
            return this;
        }

        /** The port (default 8080); 0 picks a free one ({@link #port()} tells which). */
        public Options port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("ModelServer.port(" + port + "): a port is 1 to 65535, or 0 for "
                        + "any free one");
            }
            this.port = port;
            return this;
        }

        /** The largest request body accepted, in bytes (default 1 MiB); larger ones get a 413. */
        public Options maxBodyBytes(int bytes) {
            if (bytes < 64) {
                throw new IllegalArgumentException("ModelServer.maxBodyBytes(" + bytes + "): allow at least 64 bytes, "
                        + "enough for one row");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** The most rows in one request (default 1,000). */
        public Options maxRows(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("ModelServer.maxRows(" + rows + "): allow at least 1 row");
            }
            this.maxRows = rows;
            return this;
        }

        /**
         * Worker threads that answer requests once they have arrived in full (default 4). Reading and writing is
         * the work of one more thread, however many clients there are, so slow clients do not take workers.
         */
        public Options threads(int threads) {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("ModelServer.threads(" + threads + "): use 1 to 256");
            }
            this.threads = threads;
            return this;
        }

        /**
         * The longest a client may take to send one request, from its first byte to its last (default 10 s); a
         * slower one gets a 408 and its connection is closed, and a client that takes longer to read its answer
         * loses it.
         */
        public Options requestTimeout(Duration timeout) {
            if (timeout == null || timeout.toMillis() < 100 || timeout.toMinutes() > 10) {
                throw new IllegalArgumentException("ModelServer.requestTimeout(" + timeout + "): use 100 ms to 10 "
                        + "minutes, e.g. Duration.ofSeconds(10)");
            }
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws IllegalStateException when another program holds the port (the message says how to choose
         *                               another)
         */
        public ModelServer start() {
            return new ModelServer(this);
        }
    }

    /** Settings for serving {@code bundle}, to be {@link Options#start() started}. */
    public static Options of(ModelBundle bundle) {
        if (bundle == null) {
            throw new IllegalArgumentException("ModelServer.of(null): pass a ModelBundle, e.g. ModelBundle.load(path)");
        }
        return new Options(bundle);
    }

    /** Serves {@code bundle} on 127.0.0.1:{@code port} with the default settings. */
    public static ModelServer start(ModelBundle bundle, int port) {
        return of(bundle).port(port).start();
    }

    private ModelServer(Options options) {
        this.options = options;
        this.bundle = options.bundle;
        this.monitor = new Monitor(bundle);
        if (options.port != 0) {
            ModelServer previous = RUNNING.get(options.port);
            if (previous != null) {
                previous.stop();
            }
        }
        AtomicInteger count = new AtomicInteger();
        workers = Executors.newFixedThreadPool(options.threads, r -> {
            Thread t = new Thread(r, "model-server-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            front = new HttpFront(new InetSocketAddress(options.host, options.port), new Handler(), workers,
                    options.maxBodyBytes, options.requestTimeout);
        } catch (BindException e) {
            workers.shutdownNow();
            throw new IllegalStateException(portInUse(options, "another port: ModelServer.start(bundle, "
                    + next(options.port) + "), or ModelServer.of(bundle).port(0) for any free one"), e);
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("Could not start a server on " + options.host + ":" + options.port + ": "
                    + e.getMessage(), e);
        }
        RUNNING.put(port(), this);
    }

    /** The message for a port that another program holds, ending in {@code how} to choose another. */
    private static String portInUse(Options options, String how) {
        return "Port " + options.port + " on " + options.host + " is in use by another program (another server?); "
                + "choose " + how;
    }

    private static int next(int port) {
        return port < 65535 ? port + 1 : 8080;
    }

    /** The port the server listens on. */
    public int port() {
        return front.address().getPort();
    }

    /** The address to call, e.g. {@code http://127.0.0.1:8080}. */
    public URI url() {
        String host = front.address().getAddress().isAnyLocalAddress() ? "127.0.0.1" : options.host;
        return URI.create("http://" + host + ":" + port());
    }

    public ModelBundle bundle() {
        return bundle;
    }

    /** What {@code GET /health} answers: counts, latencies and input drift so far. */
    public ObjectNode health() {
        ObjectNode json = monitor.toJson(Duration.between(started, Instant.now()));
        json.put("model", bundle.name());
        json.put("version", bundle.version());
        return json;
    }

    /** Stops the server, letting requests in progress finish (at most one second). Stopping twice is harmless. */
    public void stop() {
        RUNNING.remove(port(), this);
        front.stop();
        workers.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "ModelServer(" + bundle.name() + " " + bundle.version() + " at " + url() + "; " + ENDPOINTS + ")";
    }

    /** What the front asks of this server: answers, counted in the health statistics. */
    private final class Handler implements HttpFront.Handler {
        @Override
        public Response handle(Request request) {
            long start = System.nanoTime();
            Response response;
            try {
                response = route(request);
            } catch (HttpError e) {
                response = error(e.status(), e.getMessage());
            } catch (RuntimeException | Error e) {
                System.err.println("model server: " + request.method() + " " + request.target() + " failed: " + e);
                response = error(500, "the server failed on this request (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + "); the server goes on running");
            }
            monitor.request(response.status(), System.nanoTime() - start);
            return response;
        }

        @Override
        public Response refuse(HttpError error) {
            monitor.refused(error.status());
            return error(error.status(), error.getMessage());
        }

        @Override
        public void abandoned() {
            monitor.abandoned();
        }
    }

    private Response route(Request request) throws HttpError {
        String path = request.path();
        String method = request.method();
        String expected = switch (path) {
            case "/predict" -> "POST";
            case "/health", "/metadata" -> "GET";
            default -> null;
        };
        if (expected == null) {
            throw new HttpError(404, "no endpoint " + method + " " + path + "; the endpoints are " + ENDPOINTS);
        }
        if (!expected.equals(method) && !("HEAD".equals(method) && "GET".equals(expected))) {
            return json(405, error(path + " takes " + expected + ", not " + method), Map.of("Allow", expected));
        }
        return switch (path) {
            case "/predict" -> json(200, predict(request.body()), Map.of());
            case "/health" -> json(200, health(), Map.of());
            default -> json(200, bundle.metadata(), Map.of());
        };
    }

    private ObjectNode predict(byte[] body) throws HttpError {
        List<Map<String, Object>> rows = rows(parse(body));
        List<Prediction> predictions;
        try {
            predictions = bundle.predict(rows);
        } catch (InvalidInputException e) {
            throw new HttpError(400, e.getMessage());
        }
        monitor.served(rows);
        return answer(predictions);
    }

    /** {@code {"model": ..., "version": ..., "predictions": [...]}}. */
    private ObjectNode answer(List<Prediction> predictions) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("model", bundle.name());
        answer.put("version", bundle.version());
        ArrayNode out = answer.putArray("predictions");
        for (Prediction p : predictions) {
            ObjectNode node = out.addObject();
            if (p.isClass()) {
                node.put("label", p.label());
                node.put("probability", p.value());
                ObjectNode probabilities = node.putObject("probabilities");
                p.probabilities().forEach(probabilities::put);
            } else {
                node.put("value", p.value());
            }
        }
        return answer;
    }

    /**
     * The body as JSON: exactly one value, no key twice in an object, and within Jackson's limits (nesting 1,000
     * deep, numbers of 1,000 characters, keys of 50,000).
     */
    private JsonNode parse(byte[] body) throws HttpError {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonNode json = JSON.readTree(parser);
            if (json == null || json.isMissingNode()) {
                throw new HttpError(400, "the body is empty; send JSON rows, e.g. " + example());
            }
            nothingAfter(parser);
            return json;
        } catch (StreamConstraintsException e) {
            throw new HttpError(400, overLimit(e));
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "");
            String fix = reason.startsWith("Duplicate field") ? "send each key once per object" : "send e.g. " + example();
            throw new HttpError(400, "the body is not valid JSON: " + reason + at(e) + "; " + fix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses anything but white space after the body's JSON value, e.g. {@code {...} garbage} or {@code {...}{...}}. */
    private void nothingAfter(JsonParser parser) throws HttpError, IOException {
        String where = " (line " + parser.currentLocation().getLineNr() + ", column "
                + parser.currentLocation().getColumnNr() + ")";
        try {
            if (parser.nextToken() == null) {
                return;
            }
        } catch (JsonProcessingException e) {
            // Not even JSON follows: refused below all the same.
        }
        throw new HttpError(400, "the body goes on after its JSON value" + where + "; send one JSON value, e.g. "
                + example() + ", and nothing after it");
    }

    /** A message for JSON over one of Jackson's size limits, which says which one and how to stay under it. */
    private String overLimit(StreamConstraintsException e) {
        String message = e.getOriginalMessage();
        Matcher numbers = OVER_LIMIT.matcher(message);
        boolean counted = numbers.find();
        String found = counted ? numbers.group(1) : "?";
        String limit = counted ? numbers.group(2) : "?";
        if (message.startsWith("Document nesting depth")) {
            return "the JSON is too deep: nested " + found + " levels, more than the limit of " + limit + "; send rows "
                    + "as a list of flat objects, e.g. " + example();
        }
        if (message.startsWith("Number value length")) {
            return "a number in the JSON is too long: " + found + " characters, more than the limit of " + limit
                    + "; write numbers with fewer digits, e.g. 4.2e3 for 4200";
        }
        if (message.startsWith("Name length")) {
            return "a key (name) in the JSON is too long: " + found + " characters, more than the limit of " + limit
                    + "; the keys of a row are the input names " + bundle.inputs();
        }
        return "the JSON is over a size limit (" + message + "); send smaller JSON, e.g. " + example();
    }

    /** " (line 1, column 12)" for an error with a location, else "". */
    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    /** The rows of a request: {@code {"rows": [...]}}, a bare list of rows, or one row. */
    private List<Map<String, Object>> rows(JsonNode json) throws HttpError {
        JsonNode rowsJson = json.isObject() && json.has("rows") ? json.get("rows") : json.isObject()
                ? JSON.createArrayNode().add(json) : json;
        if (!rowsJson.isArray()) {
            throw new HttpError(400, "\"rows\" must be a list of rows, but it is " + kind(rowsJson) + "; send e.g. "
                    + example());
        }
        if (rowsJson.size() > options.maxRows) {
            throw new HttpError(400, "the request has " + rowsJson.size() + " rows, more than the limit of "
                    + options.maxRows + "; send them in smaller batches");
        }
        List<Map<String, Object>> rows = new ArrayList<>(rowsJson.size());
        for (int r = 0; r < rowsJson.size(); r++) {
            JsonNode row = rowsJson.get(r);
            if (!row.isObject()) {
                throw new HttpError(400, "row " + r + " is " + kind(row) + ", not an object of input values; send "
                        + "e.g. " + example());
            }
            Map<String, Object> values = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                values.put(field.getKey(), value(field.getValue()));
            }
            rows.add(values);
        }
        return rows;
    }

    /** A JSON value as the Java value a preprocessor reads. */
    private static Object value(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            return List.of();
        }
        if (node.isObject()) {
            return Map.of();
        }
        return null;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "the text " + node;
            case NUMBER -> "the number " + node;
            case BOOLEAN -> node.toString();
            default -> "null";
        };
    }

    private String example() {
        List<String> inputs = bundle.inputs();
        return "{\"rows\": [{\"" + inputs.get(0) + "\": ..." + (inputs.size() > 1 ? ", \"" + inputs.get(1) + "\": ..."
                : "") + "}]} with the inputs " + inputs;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static Response error(int status, String message) {
        return json(status, error(message), Map.of());
    }

    private static Response json(int status, JsonNode body, Map<String, String> headers) {
        try {
            return new Response(status, headers, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Serves a saved bundle from the command line:
     * {@code java dlkit.serve.ModelServer model.zip [--port 8080] [--host 127.0.0.1] [--threads 4]}.
     */
    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: ModelServer <bundle.zip> [--port 8080] [--host 127.0.0.1] [--threads 4] "
                    + "[--max-rows 1000] [--max-body-bytes 1048576]");
            System.exit(2);
        }
        try {
            Options options = of(ModelBundle.load(Path.of(args[0])));
            for (int i = 1; i < args.length; i += 2) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value, e.g. " + flag + " 8080");
                }
                String value = args[i + 1];
                switch (flag) {
                    case "--port" -> options.port(integer(flag, value));
                    case "--host" -> options.host(value);
                    case "--threads" -> options.threads(integer(flag, value));
                    case "--max-rows" -> options.maxRows(integer(flag, value));
                    case "--max-body-bytes" -> options.maxBodyBytes(integer(flag, value));
                    default -> throw new IllegalArgumentException("unknown option " + flag + "; the options are --port, "
                            + "--host, --threads, --max-rows, --max-body-bytes");
                }
            }
            ModelServer server = startOnCommandLine(options);
            System.out.println("serving " + server.bundle() + "\n  at " + server.url() + " (" + ENDPOINTS
                    + "); Ctrl+C stops it");
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        } catch (RuntimeException e) {
            System.err.println("model server: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Starts the server of the command line, whose fix for a port in use is its own --port option. */
    private static ModelServer startOnCommandLine(Options options) {
        try {
            return options.start();
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof BindException) {
                throw new IllegalStateException(portInUse(options, "another with --port " + next(options.port)
                        + ", or --port 0 for any free one"), e.getCause());
            }
            throw e;
        }
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a whole number, not '" + value + "'");
        }
    }

    /** Counts, latencies and the inputs served, for {@code /health}. */
    private static final class Monitor {
        private static final int WINDOW = 10_000;
        private final long[] latencies = new long[WINDOW];
        private long timed;
        private long requests;
        private long abandoned;
        private long rows;
        private final Map<Integer, Long> byStatus = new LinkedHashMap<>();
        private final Map<String, double[]> sums = new LinkedHashMap<>();
        private final ModelBundle bundle;

        Monitor(ModelBundle bundle) {
            this.bundle = bundle;
            for (var input : bundle.preprocessor().inputs()) {
                if (!input.oneHot()) {
                    sums.put(input.column(), new double[2]);
                }
            }
        }

        /** A request answered by the server, in {@code nanos}. */
        synchronized void request(int status, long nanos) {
            latencies[(int) (timed++ % WINDOW)] = nanos;
            refused(status);
        }

        /** A request refused before it was complete: malformed, over a limit, too slow or cut off. */
        synchronized void refused(int status) {
            requests++;
            byStatus.merge(status, 1L, Long::sum);
        }

        /** A client that left in the middle of its request or its answer: no answer, no status. */
        synchronized void abandoned() {
            abandoned++;
        }

        synchronized void served(List<Map<String, Object>> served) {
            rows += served.size();
            for (Map<String, Object> row : served) {
                sums.forEach((column, sum) -> {
                    Object value = row.get(column);
                    double v = value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).doubleValue();
                    sum[0] += v;
                    sum[1] += v * v;
                });
            }
        }

        synchronized ObjectNode toJson(Duration uptime) {
            ObjectNode json = JSON.createObjectNode();
            json.put("status", "ok");
            json.put("uptimeSeconds", uptime.toSeconds());
            json.put("requests", requests);
            json.put("rowsPredicted", rows);
            ObjectNode statuses = json.putObject("responses");
            byStatus.forEach((status, count) -> statuses.put(Integer.toString(status), count));
            json.put("abandonedRequests", abandoned);
            int n = (int) Math.min(timed, WINDOW);
            if (n > 0) {
                long[] recent = Arrays.copyOf(latencies, n);
                Arrays.sort(recent);
                ObjectNode latency = json.putObject("latencyMs");
                latency.put("p50", recent[(int) Math.ceil(0.50 * n) - 1] / 1e6);
                latency.put("p99", recent[(int) Math.ceil(0.99 * n) - 1] / 1e6);
                latency.put("over", n);
            }
            if (rows > 0 && bundle.preprocessor().standardized()) {
                ObjectNode drift = json.putObject("inputDrift");
                for (var input : bundle.preprocessor().inputs()) {
                    double[] sum = sums.get(input.column());
                    if (sum == null) {
                        continue;
                    }
                    double mean = sum[0] / rows;
                    ObjectNode node = drift.putObject(input.column());
                    node.put("trainingMean", input.center());
                    node.put("servedMean", mean);
                    node.put("shiftInTrainingStd", (mean - input.center()) / input.scale());
                }
            }
            return json;
        }
    }
}
