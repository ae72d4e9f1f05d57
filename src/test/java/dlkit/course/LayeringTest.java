package dlkit.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The library's packages in layers, lowest first, as the README's library section states them: a package
 * uses only packages below it, so there is no cycle.
 */
class LayeringTest {

    static final List<String> LAYERS = List.of("notebook", "io", "data", "layers", "interop", "track", "train", "eval", "ethics", "tune",
            "plot", "model", "transfer", "generative", "serve", "course");

    private static final Path SOURCES = Path.of("src/main/java/dlkit");
    private static final Pattern USE = Pattern.compile("\\bdlkit\\.([a-z]+)\\.[A-Z]");

    @Test
    void everyPackageHasItsLayer() throws IOException {
        try (Stream<Path> packages = Files.list(SOURCES)) {
            TreeSet<String> found = new TreeSet<>(packages.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList());
            assertEquals(new TreeSet<>(LAYERS), found, "a new package needs its place in LAYERS and in the README");
        }
    }

    @Test
    void noPackageUsesOneAboveIt() throws IOException {
        List<String> upward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = SOURCES.relativize(file).getName(0).toString();
                Matcher use = USE.matcher(code(Files.readString(file)));
                while (use.find()) {
                    String to = use.group(1);
                    if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) {
                        upward.add(SOURCES.relativize(file) + " uses dlkit." + to);
                    }
                }
            }
        }
        assertTrue(upward.isEmpty(), () -> "uses of a higher package: " + upward);
    }

    @Test
    void anUpwardUseIsFound() {
        String source = "package dlkit.data;\n/** see dlkit.plot.Plots */\nimport dlkit.train.Learner;\nclass A { String s = \"dlkit.model.X\"; }";
        Matcher use = USE.matcher(code(source));
        assertTrue(use.find());
        assertEquals("train", use.group(1));
        assertTrue(!use.find(), "comments and strings do not count");
    }

    /** Java source without its comments and string literals. */
    private static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ").replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
    }
}
