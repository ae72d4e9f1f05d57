package dlkit.track;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One recorded run: its experiment and name, parameters (text), metrics (a value per step, where a step is
 * an epoch or a trial), tags, status, start and end, the notebook it ran in, and the name of its model file.
 * A tracker fills it as training goes ({@link #param}, {@link #log}, {@link #end}); read back from a
 * store, it is a snapshot.
 */
public final class Run {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}");

    /** One value of a metric. */
    public record Step(int step, double value, Instant time) {
    }

    private final String id;
    private final String experiment;
    private final String name;
    private final Instant start;
    private final String source;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, List<Step>> metrics = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private RunStatus status = RunStatus.RUNNING;
    private Instant end;
    private String model;

    private Run(String id, String experiment, String name, Instant start, String source) {
        this.id = id;
        this.experiment = experiment;
        this.name = name;
        this.start = start;
        this.source = source;
    }

    /**
     * A new run, started now, in the notebook the kernel runs (see {@link #currentSource()}).
     *
     * @throws IllegalArgumentException for an experiment name that is not 1-100 letters, digits, spaces,
     *                                  dots, dashes or underscores (it names a folder)
     */
    public static Run start(String experiment, String name) {
        return new Run(UUID.randomUUID().toString().replace("-", ""), checkName(experiment), name == null
                || name.isBlank() ? "run" : name.strip(), Instant.now(), currentSource());
    }

    /** Returns a valid experiment name, or throws saying what a valid one looks like. */
    public static String checkName(String experiment) {
        if (experiment == null || !NAME.matcher(experiment).matches()) {
            throw new IllegalArgumentException("The experiment name " + (experiment == null ? "null" : "'" + experiment
                    + "'") + " cannot name a folder of runs; use 1-100 letters, digits, spaces, dots, dashes or "
                    + "underscores, starting with a letter or digit, e.g. \"penguins\"");
        }
        return experiment;
    }

    /**
     * Where the code runs: the notebook's path when a Jupyter server started the kernel (it sets
     * {@code JPY_SESSION_NAME}), else the {@code dlkit.notebook} system property, else "java".
     */
    public static String currentSource() {
        String session = System.getenv("JPY_SESSION_NAME");
        if (session != null && !session.isBlank()) {
            return session;
        }
        return System.getProperty("dlkit.notebook", "java");
    }

    /**
     * A parameter's value as tables and run names show it: a number with many digits to 4 significant ones
     * ("0.006869832100151513" as "0.00687"); anything else as it is. The run keeps the exact text.
     */
    public static String brief(String value) {
        if (value == null || value.length() <= 7) {
            return value;
        }
        double d;
        try {
            d = Double.parseDouble(value);
        } catch (NumberFormatException notANumber) {
            return value;
        }
        if (!Double.isFinite(d) || d == Math.rint(d) && Math.abs(d) < 1e15) {
            return value;
        }
        String s = String.format(Locale.ROOT, "%.4g", d);
        String[] parts = s.split("e");
        String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "").replaceAll("\\.$", "") : parts[0];
        return parts.length == 1 ? mantissa : mantissa + "e" + Integer.parseInt(parts[1]);
    }

    /** Records a parameter as text (numbers as Java prints them). Setting one twice keeps the last. */
    public Run param(String key, Object value) {
        params.put(Objects.requireNonNull(key, "a parameter needs a name"), String.valueOf(value));
        return this;
    }

    /** Records a tag: text about the run that is not a parameter (e.g. the network's layers). */
    public Run tag(String key, String value) {
        tags.put(Objects.requireNonNull(key, "a tag needs a name"), String.valueOf(value));
        return this;
    }

    /** Records the value of a metric at a step (an epoch); NaN values are skipped. */
    public Run log(String metric, int step, double value) {
        if (!Double.isNaN(value)) {
            metrics.computeIfAbsent(metric, k -> new ArrayList<>()).add(new Step(step, value, Instant.now()));
        }
        return this;
    }

    /** Records the values of several metrics at a step (an epoch); NaN values are skipped. */
    public Run log(int step, Map<String, Double> values) {
        values.forEach((metric, value) -> log(metric, step, value));
        return this;
    }

    /** Ends the run now with this status; {@code model} names its model file (null for none). */
    public Run end(RunStatus status, String model) {
        this.status = Objects.requireNonNull(status);
        this.end = Instant.now();
        this.model = model;
        return this;
    }

    public String id() {
        return id;
    }

    public String experiment() {
        return experiment;
    }

    public String name() {
        return name;
    }

    public RunStatus status() {
        return status;
    }

    public Instant start() {
        return start;
    }

    /** When the run ended, or null while it runs. */
    public Instant end() {
        return end;
    }

    /** The notebook (or program) the run came from. */
    public String source() {
        return source;
    }

    /** The model file's name next to the run's record (or the artifact's path in MLflow), or null. */
    public String model() {
        return model;
    }

    public Map<String, String> params() {
        return Collections.unmodifiableMap(params);
    }

    public Map<String, String> tags() {
        return Collections.unmodifiableMap(tags);
    }

    /** Every metric's values, step by step. */
    public Map<String, List<Step>> metrics() {
        Map<String, List<Step>> copy = new LinkedHashMap<>();
        metrics.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /** A metric's values in step order, or an empty array when it was not recorded. */
    public double[] values(String metric) {
        return metrics.getOrDefault(metric, List.of()).stream().mapToDouble(Step::value).toArray();
    }

    /** A metric's last value, or NaN when it was not recorded. */
    public double last(String metric) {
        List<Step> steps = metrics.getOrDefault(metric, List.of());
        return steps.isEmpty() ? Double.NaN : steps.get(steps.size() - 1).value();
    }

    /** How long the run took (until now while it runs). */
    public Duration duration() {
        return Duration.between(start, end == null ? Instant.now() : end);
    }

    /** The run as the JSON of a local store's {@code run.json}. */
    public ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", id);
        json.put("experiment", experiment);
        json.put("name", name);
        json.put("status", status.name());
        json.put("start", start.toString());
        json.put("end", end == null ? null : end.toString());
        json.put("source", source);
        json.put("model", model);
        ObjectNode p = json.putObject("params");
        params.forEach(p::put);
        ObjectNode t = json.putObject("tags");
        tags.forEach(t::put);
        ObjectNode m = json.putObject("metrics");
        metrics.forEach((key, steps) -> {
            ArrayNode list = m.putArray(key);
            for (Step s : steps) {
                list.addObject().put("step", s.step()).put("value", s.value()).put("time", s.time().toEpochMilli());
            }
        });
        return json;
    }

    /** A run read from its JSON (see {@link #toJson()}). */
    public static Run fromJson(JsonNode json) {
        Run run = new Run(json.path("id").asText(), json.path("experiment").asText(), json.path("name").asText("run"),
                Instant.parse(json.path("start").asText()), json.path("source").asText("java"));
        run.status = RunStatus.valueOf(json.path("status").asText("RUNNING"));
        run.end = json.path("end").isTextual() ? Instant.parse(json.path("end").asText()) : null;
        run.model = json.path("model").isTextual() ? json.path("model").asText() : null;
        json.path("params").fields().forEachRemaining(e -> run.params.put(e.getKey(), e.getValue().asText()));
        json.path("tags").fields().forEachRemaining(e -> run.tags.put(e.getKey(), e.getValue().asText()));
        json.path("metrics").fields().forEachRemaining(e -> {
            List<Step> steps = new ArrayList<>();
            e.getValue().forEach(s -> steps.add(new Step(s.path("step").asInt(), s.path("value").asDouble(),
                    Instant.ofEpochMilli(s.path("time").asLong()))));
            run.metrics.put(e.getKey(), steps);
        });
        return run;
    }

    /** A run as MLflow gives it back: its info, parameters, tags and every metric's history. */
    static Run fromMlflow(String experiment, JsonNode info, Map<String, String> params, Map<String, String> tags,
                          Map<String, List<Step>> metrics) {
        String name = info.path("run_name").asText(tags.getOrDefault("mlflow.runName", "run"));
        Run run = new Run(info.path("run_id").asText(), experiment, name,
                Instant.ofEpochMilli(info.path("start_time").asLong()), tags.getOrDefault("mlflow.source.name", "java"));
        run.status = switch (info.path("status").asText("RUNNING")) {
            case "FINISHED" -> RunStatus.FINISHED;
            case "FAILED" -> RunStatus.FAILED;
            case "KILLED" -> RunStatus.KILLED;
            default -> RunStatus.RUNNING;
        };
        run.end = info.path("end_time").isNumber() && info.path("end_time").asLong() > 0
                ? Instant.ofEpochMilli(info.path("end_time").asLong()) : null;
        run.params.putAll(params);
        tags.forEach((k, v) -> {
            if (!k.startsWith("mlflow.")) {
                run.tags.put(k, v);
            }
        });
        run.model = tags.get("dlkit.model");
        run.tags.remove("dlkit.model");
        run.metrics.putAll(metrics);
        return run;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Run(" + experiment + "/" + name + ", " + status.name().toLowerCase(Locale.ROOT)
                + ", " + params);
        metrics.forEach((k, v) -> s.append(String.format(Locale.ROOT, ", %s %.4g", k, v.get(v.size() - 1).value())));
        return s.append(")").toString();
    }
}
