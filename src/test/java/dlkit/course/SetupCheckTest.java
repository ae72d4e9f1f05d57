package dlkit.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dlkit.course.SetupCheck.Finding;
import dlkit.course.SetupCheck.Report;
import dlkit.course.SetupCheck.Status;

class SetupCheckTest {

    private static final Finding JAVA = new Finding("Java", "Java 17", Status.OK, "");
    private static final Finding MEMORY = new Finding("memory", "heap 0.5 GiB", Status.WARN, "set DLKIT_HEAP=2g");
    private static final Finding DATA = new Finding("data", "3 of 4 files <intact> & \"fine\"", Status.FAIL, "restore 'them'");

    @Test
    void memoryIsReportedAgainstTheLimitTheKernelWasSizedTo() {
        long gib = 1L << 30;
        Finding limited = SetupCheck.memory(gib - (40L << 20), 3 * gib / 2, 24 * gib, "4.0 GiB from MEM_LIMIT (the server's limit)");
        assertEquals(Status.OK, limited.status(), limited.toString());
        assertEquals("heap 1.0 GiB, off-heap 1.5 GiB, sized to 4.0 GiB from MEM_LIMIT (the server's limit)", limited.value());
        Finding small = SetupCheck.memory(gib / 2, gib, 24 * gib, "2.0 GiB from the cgroup's memory limit");
        assertEquals(Status.WARN, small.status());
        assertTrue(small.fix().contains("memory limit of 4 GB or more"), small.fix());
        Finding tooMuch = SetupCheck.memory(8 * gib, 12 * gib, 16 * gib, null);
        assertEquals(Status.WARN, tooMuch.status());
        assertTrue(tooMuch.value().endsWith("machine 16.0 GiB"), tooMuch.value());
    }

    @Test
    void theNativeBuildIsTheOneJavaCppWasToldToLoad() {
        String key = "org.bytedeco.javacpp.platform.extension";
        String before = System.getProperty(key);
        try {
            System.clearProperty(key);
            assertEquals("plain", SetupCheck.nativeBuild());
            System.setProperty(key, "-onednn-avx2");
            assertEquals("onednn-avx2 (chosen at set-up, DLKIT_NATIVE)", SetupCheck.nativeBuild());
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    @Test
    void warningsAreOkFailuresAreNot() {
        assertTrue(new Report(List.of(JAVA)).ok());
        assertTrue(new Report(List.of(JAVA, MEMORY)).ok());
        assertFalse(new Report(List.of(JAVA, MEMORY, DATA)).ok());
        assertTrue(new Report(List.of()).ok());
    }

    @Test
    void aFindingIsFoundByName() {
        assertEquals(MEMORY, new Report(List.of(JAVA, MEMORY)).get("memory"));
    }

    @Test
    void anUnknownCheckIsReportedWithTheKnownOnes() {
        Report report = new Report(List.of(JAVA, MEMORY));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> report.get("GPU"));
        assertTrue(e.getMessage().contains("'GPU'"), e.getMessage());
        assertTrue(e.getMessage().contains("[Java, memory]"), e.getMessage());
    }

    @Test
    void theHtmlTableEscapesWhatWasFound() {
        String html = new Report(List.of(JAVA, DATA)).toHtml();

        assertTrue(html.contains("3 of 4 files &lt;intact&gt; &amp; &quot;fine&quot;"), html);
        assertTrue(html.contains("restore &#39;them&#39;"), html);
        assertTrue(html.contains(Status.FAIL.symbol()), html);
        assertEquals(2, html.split("<tr><td", -1).length - 1, html);
    }

    @Test
    void theTextShowsFixesOnlyWhereThereAreSome() {
        String text = new Report(List.of(JAVA, MEMORY)).toString();

        assertEquals("✔ Java: Java 17\n⚠ memory: heap 0.5 GiB\n    fix: set DLKIT_HEAP=2g\n", text);
    }

    @Test
    void theJavaOfTheTestsIsRecentEnough() {
        assertEquals(Status.OK, SetupCheck.java().status());
    }
}
