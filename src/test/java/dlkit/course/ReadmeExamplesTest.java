package dlkit.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;

import dlkit.data.Datasets;
import dlkit.model.Pipeline;

/**
 * The README's "library at a glance" is right: its examples, in order, compile against the library with
 * the imports every notebook has, so a renamed method or a changed signature fails here, not in a
 * learner's notebook.
 */
class ReadmeExamplesTest {

    private static final Path README = Path.of("README.md");

    /** The example column of the section's table, in order, without its backticks. */
    static List<String> examples(String readme) {
        int start = readme.indexOf("\n## The library at a glance");
        int end = readme.indexOf("\n## ", start + 1);
        assertTrue(start >= 0 && end > start, "the README has a section 'The library at a glance'");
        List<String> examples = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| [^|]+ \\| .+ \\| `([^`]+)` \\|$").matcher(readme.substring(start, end));
        while (row.find()) {
            examples.add(row.group(1));
        }
        return examples;
    }

    @Test
    void theExamplesCompileInOrderWithTheNotebooksImports() throws IOException {
        List<String> examples = examples(Files.readString(README));
        assertTrue(examples.size() >= 20, "found " + examples.size() + " examples: " + examples);

        String source = CourseExtension.importSource()
                + "class ReadmeExamples {\n    void run() throws Exception {\n"
                + String.join("\n", examples) + "\n    }\n}\n";
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///ReadmeExamples.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        Path out = Files.createTempDirectory("readme-examples");
        boolean compiled = compiler.getTask(null, null, diagnostics,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none"),
                null, List.of(file)).call();

        StringBuilder errors = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                String line = source.lines().skip(d.getLineNumber() - 1).findFirst().orElse("");
                errors.append("\n").append(d.getMessage(Locale.ROOT)).append("\n    in: ").append(line.strip());
            }
        }
        assertTrue(compiled, "the README's examples do not compile:" + errors);
    }

    @Test
    void examplesAreReadFromTheThirdColumn() {
        String readme = "intro\n## The library at a glance\n\n| package | entry point | example |\n|---|---|---|\n"
                + "| `data` | `Datasets.iris()` | `Table iris = Datasets.iris();` |\n"
                + "| `model` | `Pipeline.of(...)` | see notebook 14 |\n## Next\n| x | y | `z();` |\n";

        assertEquals(List.of("Table iris = Datasets.iris();"), examples(readme));
    }
}
