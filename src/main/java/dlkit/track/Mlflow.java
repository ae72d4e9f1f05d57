package dlkit.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs on an MLflow tracking server, through its REST API (version 2.0 of the API, which MLflow 2 and 3
 * serve): an experiment per experiment name (created when missing), a run per run, parameters and metrics
 * in batches, the model uploaded as the run's artifact {@code model.zip} when the server serves artifacts
 * (its default). Open the server's page in a browser to compare runs there, or read them back with
 * {@link #runs}.
 *
 * <p>A server that does not answer when a run starts is an error (training has not begun, nothing is lost);
 * one that stops answering later is reported once on standard error, and the run goes on.
 */
public final class Mlflow implements Tracker {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/2.0/mlflow/";

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** MLflow's run id for each run recorded through this tracker, by the run's own id. */
    private final Map<String, String> runIds = new ConcurrentHashMap<>();
    private final Map<String, String> artifactUris = new ConcurrentHashMap<>();
    private volatile boolean warned;

    Mlflow(String url) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.strip().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("'" + url + "' is not the address of an MLflow server; give its http "
                    + "URL, e.g. http://127.0.0.1:5000");
        }
        this.url = uri;
    }

    /** The server's address. */
    public URI url() {
        return url;
    }

    @Override
    public void started(Run run) {
        String experiment = experimentId(run.experiment(), true);
        ObjectNode create = JSON.createObjectNode();
        create.put("experiment_id", experiment);
        create.put("run_name", run.name());
        create.put("start_time", run.start().toEpochMilli());
        ArrayNode tags = create.putArray("tags");
        tags.addObject().put("key", "mlflow.source.name").put("value", run.source());
        run.tags().forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
        JsonNode info = post("runs/create", create).path("run").path("info");
        runIds.put(run.id(), info.path("run_id").asText());
        artifactUris.put(run.id(), info.path("artifact_uri").asText());
        ObjectNode batch = batch(run);
        ArrayNode params = batch.putArray("params");
        run.params().forEach((k, v) -> params.addObject().put("key", k).put("value", v));
        post("runs/log-batch", batch);
    }

    @Override
    public void logged(Run run, int step, Map<String, Double> values) {
        ObjectNode batch = batch(run);
        ArrayNode metrics = batch.putArray("metrics");
        long now = System.currentTimeMillis();
        values.forEach((k, v) -> {
            if (!Double.isNaN(v)) {
                metrics.addObject().put("key", k).put("value", v).put("timestamp", now).put("step", step);
            }
        });
        later(() -> post("runs/log-batch", batch));
    }

    @Override
    public void ended(Run run, Path model) {
        later(() -> {
            String artifacts = artifactUris.getOrDefault(run.id(), "");
            if (model != null && artifacts.startsWith("mlflow-artifacts:/")) {
                String path = artifacts.substring("mlflow-artifacts:/".length()).replaceAll("^/+", "");
                send(HttpRequest.newBuilder(url.resolve("/api/2.0/mlflow-artifacts/artifacts/" + path + "/"
                        + LocalRuns.MODEL)).PUT(HttpRequest.BodyPublishers.ofFile(model)), "upload the model");
                ObjectNode tag = batch(run);
                tag.putArray("tags").addObject().put("key", "dlkit.model").put("value", LocalRuns.MODEL);
                post("runs/log-batch", tag);
            }
            ObjectNode update = JSON.createObjectNode();
            update.put("run_id", mlflowId(run));
            update.put("status", run.status().name());
            update.put("end_time", run.end().toEpochMilli());
            post("runs/update", update);
            return null;
        });
    }

    /** The runs of an experiment as the server has them (with every metric's whole history), oldest first. */
    @Override
    public List<Run> runs(String experiment) {
        String id = experimentId(experiment, false);
        if (id == null) {
            return List.of();
        }
        List<Run> runs = new ArrayList<>();
        String token = null;
        do {
            ObjectNode search = JSON.createObjectNode();
            search.putArray("experiment_ids").add(id);
            search.put("max_results", 1000);
            if (token != null) {
                search.put("page_token", token);
            }
            JsonNode page = post("runs/search", search);
            for (JsonNode found : page.path("runs")) {
                runs.add(read(experiment, found));
            }
            token = page.path("next_page_token").isTextual() ? page.path("next_page_token").asText() : null;
        } while (token != null && !token.isEmpty());
        runs.sort(Comparator.comparing(Run::start));
        return runs;
    }

    private Run read(String experiment, JsonNode found) {
        JsonNode info = found.path("info");
        String runId = info.path("run_id").asText();
        Map<String, String> params = pairs(found.path("data").path("params"));
        Map<String, String> tags = pairs(found.path("data").path("tags"));
        Map<String, List<Run.Step>> metrics = new LinkedHashMap<>();
        for (JsonNode latest : found.path("data").path("metrics")) {
            String key = latest.path("key").asText();
            JsonNode history = get("metrics/get-history?run_id=" + runId + "&metric_key=" + encode(key)
                    + "&max_results=25000");
            List<Run.Step> steps = new ArrayList<>();
            for (JsonNode m : history.path("metrics")) {
                steps.add(new Run.Step(m.path("step").asInt(), m.path("value").asDouble(),
                        java.time.Instant.ofEpochMilli(m.path("timestamp").asLong())));
            }
            steps.sort(Comparator.comparingInt(Run.Step::step));
            metrics.put(key, steps);
        }
        return Run.fromMlflow(experiment, info, params, tags, metrics);
    }

    private static Map<String, String> pairs(JsonNode list) {
        Map<String, String> map = new LinkedHashMap<>();
        list.forEach(p -> map.put(p.path("key").asText(), p.path("value").asText()));
        return map;
    }

    /** The experiment's id on the server, created when missing and {@code create} is set (else null). */
    private String experimentId(String name, boolean create) {
        Run.checkName(name);
        JsonNode found = get("experiments/get-by-name?experiment_name=" + encode(name));
        if (found.has("experiment")) {
            return found.path("experiment").path("experiment_id").asText();
        }
        if (!create) {
            return null;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        return post("experiments/create", body).path("experiment_id").asText();
    }

    private ObjectNode batch(Run run) {
        ObjectNode batch = JSON.createObjectNode();
        batch.put("run_id", mlflowId(run));
        return batch;
    }

    private String mlflowId(Run run) {
        String id = runIds.get(run.id());
        if (id == null) {
            throw new IllegalStateException("Run " + run.name() + " was not started on " + this
                    + "; call started(run) first");
        }
        return id;
    }

    private JsonNode post(String endpoint, JsonNode body) {
        return send(HttpRequest.newBuilder(url.resolve(API + endpoint)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), endpoint);
    }

    private JsonNode get(String endpointAndQuery) {
        return send(HttpRequest.newBuilder(url.resolve(API + endpointAndQuery)).GET(), endpointAndQuery);
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new UncheckedIOException("No MLflow server answers at " + url + "; start one (e.g. mlflow server "
                    + "--host 127.0.0.1 --port " + (url.getPort() < 0 ? 5000 : url.getPort()) + ", or MlflowServer.start"
                    + "(folder) from Java), or record to Tracker.local(...) only", e);
        } catch (IOException e) {
            throw new UncheckedIOException("The MLflow server at " + url + " did not answer " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while talking to MLflow at " + url, e));
        }
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.createObjectNode().put("message", response.body());
        }
        if (response.statusCode() == 404 && "RESOURCE_DOES_NOT_EXIST".equals(json.path("error_code").asText())) {
            return JSON.createObjectNode();
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("The MLflow server at " + url + " refused " + what + " (HTTP "
                    + response.statusCode() + "): " + json.path("message").asText(response.body()));
        }
        return json;
    }

    /** Runs a call made while training goes on: a failure is reported once, and the run continues. */
    private void later(java.util.concurrent.Callable<?> call) {
        try {
            call.call();
        } catch (Exception e) {
            if (!warned) {
                warned = true;
                System.err.println("MLflow: " + e.getMessage() + " (the run goes on; it is still recorded locally when "
                        + "a local tracker is used too)");
            }
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MLflow at " + url;
    }
}
