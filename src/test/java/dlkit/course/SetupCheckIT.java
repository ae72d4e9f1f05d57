package dlkit.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dlkit.course.SetupCheck.Finding;
import dlkit.course.SetupCheck.Report;
import dlkit.course.SetupCheck.Status;
import dlkit.data.Datasets;

/** The doctor on the test machine: starts ND4J. */
class SetupCheckIT {

    @Test
    void theTestMachinePassesTheChecksThatMatter() {
        Report report = SetupCheck.run();

        assertEquals(Status.OK, report.get("Java").status(), report::toString);
        assertEquals(Status.OK, report.get("data").status(), report::toString);
        int files = Datasets.folder().files().size();
        assertTrue(report.get("data").value().startsWith(files + " of " + files + " files intact"), report::toString);
        assertEquals(Status.OK, report.get("ND4J backend").status(), report::toString);
        assertEquals(Status.OK, report.get("fast layers").status(), report::toString);
        assertTrue(report.get("fast layers").value().startsWith(dlkit.layers.FastLayers.enabled() ? "on:" : "off"),
                report::toString);
        assertEquals(Status.OK, report.get("charts").status(), report::toString);
        assertNotEquals(Status.FAIL, report.get("GPU").status(), report::toString);
        assertTrue(report.ok(), report::toString);
    }

    @Test
    void everyCheckIsInTheReport() {
        List<String> checks = SetupCheck.run().findings().stream().map(Finding::check).toList();

        assertEquals(List.of("Java", "kernel", "ND4J backend", "fast layers", "threads", "memory", "data", "charts", "GPU", "run mode"),
                checks);
    }
}
