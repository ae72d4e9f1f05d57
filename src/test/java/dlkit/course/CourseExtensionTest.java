package dlkit.course;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.dflib.jjava.jupyter.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CourseExtensionTest {

    /** One class of each package imported whole: the package exists when it loads. */
    private static final Map<String, String> KNOWN_CLASS = Map.ofEntries(
            Map.entry("java.util", "List"),
            Map.entry("java.util.stream", "Stream"),
            Map.entry("java.nio.file", "Path"),
            Map.entry("java.net.http", "HttpClient"),
            Map.entry("dlkit.course", "SetupCheck"),
            Map.entry("dlkit.data", "Datasets"),
            Map.entry("dlkit.generative", "Gan"),
            Map.entry("dlkit.layers", "Gru"),
            Map.entry("dlkit.interop", "OnnxModel"),
            Map.entry("dlkit.track", "Tracker"),
            Map.entry("dlkit.transfer", "PretrainedModels"),
            Map.entry("dlkit.notebook", "Notebook"),
            Map.entry("dlkit.plot", "Plots"),
            Map.entry("dlkit.train", "Learner"),
            Map.entry("dlkit.eval", "Predictions"),
            Map.entry("dlkit.tune", "Search"),
            Map.entry("dlkit.model", "ModelBundle"),
            Map.entry("dlkit.serve", "ModelServer"),
            Map.entry("org.deeplearning4j.nn.conf.layers", "DenseLayer"),
            Map.entry("org.deeplearning4j.nn.transferlearning", "TransferLearning"));

    private static final ClassLoader LOADER = CourseExtensionTest.class.getClassLoader();

    @Test
    void everyImportResolves() {
        Stream<Executable> checks = CourseExtension.IMPORTS.stream().map(name -> () -> resolve(name));
        assertAll(checks);
    }

    /** Loads what an import names, without initialising it (which could start ND4J). */
    private static void resolve(String name) throws ClassNotFoundException {
        if (name.startsWith("static ")) {
            String owner = name.substring("static ".length());
            owner = owner.substring(0, owner.lastIndexOf('.'));
            Class.forName(owner, false, LOADER);
        } else if (name.endsWith(".*")) {
            String pkg = name.substring(0, name.length() - 2);
            String known = KNOWN_CLASS.get(pkg);
            assertNotNull(known, () -> "add a class of package " + pkg + " to KNOWN_CLASS");
            assertEquals(pkg, Class.forName(pkg + "." + known, false, LOADER).getPackageName());
        } else {
            assertDoesNotThrow(() -> Class.forName(name, false, LOADER), name);
        }
    }

    @Test
    void theImportSourceHasOneStatementPerImport() {
        List<String> lines = CourseExtension.importSource().lines().toList();

        assertEquals(CourseExtension.IMPORTS.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals("import " + CourseExtension.IMPORTS.get(i) + ";", lines.get(i));
        }
    }

    @Test
    void theKernelFindsTheExtension() {
        List<Class<?>> found = ServiceLoader.load(Extension.class).stream().<Class<?>>map(ServiceLoader.Provider::type).toList();

        assertTrue(found.contains(CourseExtension.class), found::toString);
    }
}
