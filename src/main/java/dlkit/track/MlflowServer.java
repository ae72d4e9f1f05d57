package dlkit.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MLflow tracking server, started as a child process on 127.0.0.1 with its runs in a folder
 * ({@code mlflow.db}, an SQLite database, and {@code artifacts/}): for a notebook that wants MLflow's pages
 * without a server of its own, and for tests. Closing it stops the process, and so does the end of the JVM
 * (a kernel's shutdown or restart).
 *
 * <pre>{@code
 * try (MlflowServer server = MlflowServer.start(Path.of("mlruns"))) {
 *     Tracker both = Tracker.local(Path.of("runs")).and(server.tracker());
 *     ...
 * }
 * }</pre>
 *
 * <p>The {@code mlflow} program is looked for in {@code DLKIT_MLFLOW}, then in {@code environment/.mlflow/bin}
 * of the course (where set-up installs it), then on the PATH.
 */
public final class MlflowServer implements AutoCloseable {

    /** The environment variable that names the {@code mlflow} program. */
    public static final String PROGRAM_ENV = "DLKIT_MLFLOW";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final URI url;
    private final Path folder;

    private MlflowServer(Process process, URI url, Path folder) {
        this.process = process;
        this.url = url;
        this.folder = folder;
    }

    /**
     * Starts a server on a free port of 127.0.0.1 keeping its runs in {@code folder}, and waits until it answers.
     *
     * @throws IllegalStateException when no {@code mlflow} program is found, or the server does not come up (the
     *                               message holds the end of its log)
     */
    public static MlflowServer start(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        String program = program();
        int port = freePort();
        Path log = dir.resolve("server.log");
        List<String> command = new ArrayList<>(List.of(program, "server", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--backend-store-uri", "sqlite:///" + dir.resolve("mlflow.db"),
                "--artifacts-destination", dir.resolve("artifacts").toString(), "--workers", "1"));
        Process process;
        try {
            Files.createDirectories(dir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("MLFLOW_DISABLE_TELEMETRY", "true");
            builder.environment().put("DO_NOT_TRACK", "true");
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start MLflow (" + program + "): " + e.getMessage()
                    + "; run environment/setup, which installs it, or set " + PROGRAM_ENV, e);
        }
        URI url = URI.create("http://127.0.0.1:" + port);
        MlflowServer server = new MlflowServer(process, url, dir);
        // A kernel that shuts down (or restarts) takes its server with it.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mlflow-server-stop"));
        try {
            server.awaitHealthy(log);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitHealthy(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("MLflow stopped at start (exit " + process.exitValue() + "): "
                        + tail(log));
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url.resolve("/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while MLflow started", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while MLflow started", e);
            }
        }
        throw new IllegalStateException("MLflow did not answer at " + url + " within " + START_TIMEOUT.toSeconds()
                + " s: " + tail(log));
    }

    /** The {@code mlflow} program to run. */
    static String program() {
        String env = System.getenv(PROGRAM_ENV);
        if (env != null && !env.isBlank()) {
            if (!Files.isExecutable(Path.of(env))) {
                throw new IllegalStateException(PROGRAM_ENV + " names " + env + ", which is not a program; point it "
                        + "at the mlflow program, or unset it");
            }
            return env;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("environment/.mlflow/bin/mlflow");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, "mlflow");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("No mlflow program found (looked at " + PROGRAM_ENV + ", "
                + "environment/.mlflow/bin/mlflow and the PATH); run environment/setup, which installs it, or "
                + "pip install mlflow and set " + PROGRAM_ENV + " to its mlflow program");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The server's address, e.g. {@code http://127.0.0.1:41234}: open it in a browser to see the runs. */
    public URI url() {
        return url;
    }

    /** The folder of its database and artifacts. */
    public Path folder() {
        return folder;
    }

    /** A tracker that records to this server. */
    public Mlflow tracker() {
        return new Mlflow(url.toString());
    }

    /** Stops the server and the processes it started (its workers). */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "MLflow server at " + url + " (runs in " + folder + ")";
    }
}
