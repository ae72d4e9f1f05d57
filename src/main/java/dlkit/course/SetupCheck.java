package dlkit.course;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;

import dlkit.data.Datasets;
import dlkit.io.FileCheck;
import dlkit.layers.FastLayers;
import dlkit.notebook.Html;
import dlkit.notebook.Mode;
import dlkit.notebook.Notebook;
import dlkit.notebook.Renderers;
import dlkit.plot.Plots;

/**
 * The course's doctor: checks what a learner's machine needs (Java, kernel, ND4J backend, threads,
 * memory, data, display, GPU) and says in plain words how to fix what is wrong.
 * {@code SetupCheck.run()} as a cell's last value shows a table.
 */
public final class SetupCheck {

    private static final long GIB = 1L << 30;

    private SetupCheck() {
    }

    /** How one check came out. */
    public enum Status {
        OK("✔"), WARN("⚠"), FAIL("✘");

        private final String symbol;

        Status(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /**
     * One line of the doctor's report.
     *
     * @param check  what was checked
     * @param value  what was found
     * @param status whether it is fine
     * @param fix    what to do about it, empty when nothing needs doing
     */
    public record Finding(String check, String value, Status status, String fix) {
    }

    /** All findings; shows as a table in a notebook. */
    public record Report(List<Finding> findings) implements Html {

        /** Whether nothing failed (warnings allowed). */
        public boolean ok() {
            return findings.stream().noneMatch(f -> f.status() == Status.FAIL);
        }

        /** The finding of one check, by name. */
        public Finding get(String check) {
            return findings.stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("No check named '" + check + "'; checks are "
                            + findings.stream().map(Finding::check).toList()));
        }

        @Override
        public String toHtml() {
            StringBuilder html = new StringBuilder("<table class=\"dlkit-setup\">\n"
                    + "<thead><tr><th></th><th>check</th><th>found</th><th>what to do</th></tr></thead>\n<tbody>\n");
            for (Finding f : findings) {
                String colour = switch (f.status()) {
                    case OK -> "#1a7f37";
                    case WARN -> "#9a6700";
                    case FAIL -> "#cf222e";
                };
                html.append("<tr><td style=\"color:").append(colour).append("\">").append(f.status().symbol())
                        .append("</td><td style=\"text-align:left\">").append(Html.escape(f.check()))
                        .append("</td><td style=\"text-align:left\">").append(Html.escape(f.value()))
                        .append("</td><td style=\"text-align:left\">").append(Html.escape(f.fix())).append("</td></tr>\n");
            }
            return html.append("</tbody>\n</table>").toString();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (Finding f : findings) {
                text.append(f.status().symbol()).append(' ').append(f.check()).append(": ").append(f.value());
                if (!f.fix().isEmpty()) {
                    text.append("\n    fix: ").append(f.fix());
                }
                text.append('\n');
            }
            return text.toString();
        }
    }

    /** Runs every check. Starts ND4J if it is not running yet. */
    public static Report run() {
        List<Finding> findings = new ArrayList<>();
        findings.add(java());
        findings.add(kernel());
        findings.addAll(backend());
        findings.add(memory());
        findings.add(data());
        findings.add(charts());
        findings.add(gpu());
        findings.add(new Finding("run mode", Notebook.mode().name().toLowerCase(Locale.ROOT)
                + " (" + Mode.ENV + "=quick gives the small, fast runs of the test command)", Status.OK, ""));
        return new Report(List.copyOf(findings));
    }

    static Finding java() {
        Runtime.Version version = Runtime.version();
        String value = "Java " + version + " (" + System.getProperty("java.vendor") + ")";
        return version.feature() >= 17
                ? new Finding("Java", value, Status.OK, "")
                : new Finding("Java", value, Status.FAIL, "install a JDK 17 or newer and run environment/lab again");
    }

    static Finding kernel() {
        try {
            Class<?> base = Class.forName("org.dflib.jjava.jupyter.kernel.BaseKernel");
            Object kernel = base.getMethod("notebookKernel").invoke(null);
            if (kernel == null) {
                return new Finding("kernel", "not in a notebook", Status.OK, "");
            }
            String name = (String) base.getMethod("getName").invoke(kernel);
            String version = (String) base.getMethod("getVersion").invoke(kernel);
            return new Finding("kernel", name + " " + version, Status.OK, "");
        } catch (ReflectiveOperationException | LinkageError e) {
            return new Finding("kernel", "not in a notebook", Status.OK, "");
        }
    }

    static List<Finding> backend() {
        List<Finding> findings = new ArrayList<>();
        try {
            Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
            String backend = String.valueOf(info.getOrDefault("backend", Nd4j.getBackend().getClass().getSimpleName()));
            String blas = String.valueOf(info.getOrDefault("blas.vendor", "unknown"));
            findings.add(new Finding("ND4J backend", backend + ", native build " + nativeBuild() + ", BLAS " + blas,
                    Status.OK, ""));
            findings.add(fastLayers());
            int cores = Runtime.getRuntime().availableProcessors();
            String omp = System.getenv("OMP_NUM_THREADS");
            Object ndThreads = info.getOrDefault("omp.threads", "?");
            String value = cores + " cores, OMP_NUM_THREADS=" + (omp == null ? "unset" : omp) + ", ND4J uses " + ndThreads;
            findings.add(omp == null
                    ? new Finding("threads", value, Status.WARN, "start JupyterLab with environment/lab, which sets "
                    + "OMP_NUM_THREADS for your cores (or set DLKIT_THREADS before starting it)")
                    : new Finding("threads", value, Status.OK, ""));
        } catch (Throwable e) {
            findings.add(new Finding("ND4J backend", "did not start: " + e, Status.FAIL,
                    "run environment/lab again (it rebuilds the classpath); on a CPU without AVX2 ask for help with "
                            + "the 'compat' natives; then restart the kernel"));
        }
        return findings;
    }

    /** Whether convolutions, pooling, LSTMs and dense layers run on the fast paths ({@link FastLayers}). */
    static Finding fastLayers() {
        try {
            return FastLayers.enabled()
                    ? new Finding("fast layers", "on: convolutions, pooling and LSTMs run as fused ND4J operations, "
                            + "dense layers without repeated work",
                            Status.OK, "")
                    : new Finding("fast layers", "off (" + FastLayers.SWITCH + "=0): DL4J's own layers, several "
                            + "times slower for CNNs and LSTMs, about a third slower for dense networks", Status.OK, "");
        } catch (IllegalArgumentException e) {
            return new Finding("fast layers", e.getMessage(), Status.FAIL,
                    "set " + FastLayers.SWITCH + " to 1 or 0 (or unset it) and restart JupyterLab");
        }
    }

    /**
     * The build of ND4J's native library this kernel loads: {@code plain} or the variant JavaCPP was told to
     * load (e.g. {@code avx2}, {@code onednn-avx2}), which {@code DLKIT_NATIVE} chooses when the kernel is set up.
     */
    static String nativeBuild() {
        String extension = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        return extension.isBlank() ? "plain" : extension.replaceFirst("^-", "") + " (chosen at set-up, DLKIT_NATIVE)";
    }

    /** The environment variable in which the kernel's launcher says what memory it sized the kernel to. */
    static final String MEMORY_LIMIT_ENV = "DLKIT_MEMORY_LIMIT";

    static Finding memory() {
        return memory(Runtime.getRuntime().maxMemory(), Pointer.maxBytes(), physicalMemory(), System.getenv(MEMORY_LIMIT_ENV));
    }

    /**
     * @param limit what the launcher found, e.g. "4.0 GiB from MEM_LIMIT (the server's limit)", or null when the
     *              kernel was not started by it
     */
    static Finding memory(long heap, long offHeap, long ram, String limit) {
        boolean limited = limit != null && !limit.endsWith("the machine's RAM");
        String value = String.format(Locale.ROOT, "heap %.1f GiB, off-heap %.1f GiB, %s", heap / (double) GIB,
                offHeap / (double) GIB, limit != null ? "sized to " + limit : String.format(Locale.ROOT,
                        "machine %.1f GiB", ram / (double) GIB));
        if (heap < 0.85 * GIB) {
            return new Finding("memory", value, Status.WARN, limited
                    ? "the heap is small for the image notebooks: give this server a memory limit of 4 GB or more "
                    + "(on JupyterHub, the spawner's mem_limit)"
                    : "the heap is small for the image notebooks: set DLKIT_HEAP=2g (or more) and run environment/lab again");
        }
        if (!limited && ram > 0 && heap + offHeap > ram) {
            return new Finding("memory", value, Status.WARN, "heap plus off-heap exceed the machine's memory, so a "
                    + "large model can kill the kernel: lower DLKIT_HEAP / DLKIT_OFFHEAP and run environment/lab again");
        }
        return new Finding("memory", value, Status.OK, "");
    }

    static Finding data() {
        try {
            List<FileCheck> checks = Datasets.verifyAll();
            List<String> bad = checks.stream().filter(c -> !c.ok()).map(c -> c.path() + " " + c.status()).toList();
            String value = (checks.size() - bad.size()) + " of " + checks.size() + " files intact in "
                    + Datasets.folder().root();
            return bad.isEmpty()
                    ? new Finding("data", value, Status.OK, "")
                    : new Finding("data", value + "; " + bad, Status.FAIL,
                    "restore them with 'git checkout -- data/' in your clone (or clone the course again)");
        } catch (RuntimeException e) {
            return new Finding("data", e.getMessage(), Status.FAIL,
                    "start JupyterLab with environment/lab from your clone, or set DLKIT_DATA to its data/ folder");
        }
    }

    static Finding charts() {
        try {
            byte[] png = Renderers.png(Plots.lines("check", "x", "y", new double[]{0, 1}, Map.of("y", new double[]{0, 1})));
            String headless = String.valueOf(java.awt.GraphicsEnvironment.isHeadless());
            return new Finding("charts", "PNG drawn (" + png.length + " bytes), headless " + headless, Status.OK, "");
        } catch (Throwable e) {
            return new Finding("charts", "cannot draw: " + e, Status.FAIL,
                    "the kernel needs -Djava.awt.headless=true (environment/lab sets it); on Linux install fonts "
                            + "(e.g. apt install fontconfig fonts-dejavu-core)");
        }
    }

    static Finding gpu() {
        boolean cudaBackend = Nd4j.getBackend().getClass().getName().toLowerCase(Locale.ROOT).contains("cuda");
        boolean nvidia = hasNvidiaGpu();
        if (cudaBackend) {
            return new Finding("GPU", "CUDA backend in use", Status.OK, "");
        }
        return nvidia
                ? new Finding("GPU", "an NVIDIA GPU is present, the CPU backend is in use", Status.WARN,
                "optional: with CUDA 11.6 and cuDNN 8.3 installed, start with DLKIT_GPU=1 environment/lab")
                : new Finding("GPU", "none; the CPU backend is in use", Status.OK, "");
    }

    private static boolean hasNvidiaGpu() {
        if (Files.exists(Path.of("/proc/driver/nvidia/version"))) {
            return true;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "nvidia-smi")) || Files.isExecutable(Path.of(dir, "nvidia-smi.exe"))) {
                return true;
            }
        }
        return false;
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }
}
