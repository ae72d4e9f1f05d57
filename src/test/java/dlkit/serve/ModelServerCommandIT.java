package dlkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dlkit.model.Bundles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ModelServer}'s command line, in a separate Java process as {@code environment/serve} starts it. */
class ModelServerCommandIT {

    @TempDir
    Path dir;

    private static Process java(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true"));
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) {
            command.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        }
        command.add(ModelServer.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void servesASavedBundleUntilStopped() throws Exception {
        Path file = dir.resolve("penguins.zip");
        Bundles.penguinSpecies().save(file);
        Process server = java(file.toString(), "--port", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            Matcher url = null;
            StringBuilder seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
                Matcher m = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)").matcher(line);
                if (m.find()) {
                    url = m;
                    break;
                }
            }
            assertTrue(url != null, "no address printed: " + seen);
            URI base = URI.create(url.group(1));
            assertEquals(200, ModelServerIT.get(base, "/health").statusCode());
            String answer = ModelServerIT.post(base, "{\"bill_length_mm\": 47.5, \"bill_depth_mm\": 14.2, "
                    + "\"flipper_length_mm\": 225, \"body_mass_g\": 5200, \"island\": \"Biscoe\", \"sex\": \"female\"}").body();
            assertTrue(answer.contains("\"label\":\"Gentoo\""), answer);
            assertTrue(server.isAlive(), "the server keeps running after main returns");
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMissingBundleOrBadOptionEndsWithAMessage() throws Exception {
        Process missing = java(dir.resolve("nothing.zip").toString());
        String text = new String(missing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(missing.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, missing.exitValue());
        assertTrue(text.contains("No model bundle at"), text);

        Path file = dir.resolve("penguins.zip");
        Bundles.penguinSpecies().save(file);
        Process badPort = java(file.toString(), "--port", "eighty");
        text = new String(badPort.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(badPort.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, badPort.exitValue());
        assertTrue(text.contains("--port takes a whole number, not 'eighty'"), text);
    }

    @Test
    void aPortInUseIsExplainedWithThePortOption() throws Exception {
        Path file = dir.resolve("penguins.zip");
        Bundles.penguinSpecies().save(file);
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = other.getLocalPort();
            Process second = java(file.toString(), "--port", Integer.toString(port));
            String text = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, second.exitValue());
            assertTrue(text.contains("Port " + port + " on 127.0.0.1 is in use by another program"), text);
            assertTrue(text.contains("--port " + (port + 1) + ", or --port 0"), text);
            assertFalse(text.contains("ModelServer.of") || text.contains("port(0)"), "Java's fix, not the option: " + text);
        }
    }
}
