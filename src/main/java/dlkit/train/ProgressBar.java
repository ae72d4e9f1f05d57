package dlkit.train;

import java.io.PrintStream;
import java.util.Locale;

import dlkit.notebook.Display;
import dlkit.notebook.Html;

/**
 * Shows training progress. In a notebook: one output, replaced in place a few times a second (a bar,
 * the batch count, the running loss, the last epoch's metrics). In a terminal: one line redrawn with
 * a carriage return. Elsewhere (CI logs): one line per epoch, never one per batch.
 * {@link FitOptions} adds one by default.
 */
public final class ProgressBar implements Callback {

    /** Where the progress goes. */
    public enum Target { NOTEBOOK, TERMINAL, LOG }

    private static final long UPDATE_MILLIS = 250;
    private static final int WIDTH = 30;

    private final Target target;
    private final PrintStream out;
    private String displayId;
    private long startNanos;
    private long lastUpdate;
    private String lastEpoch = "";
    private int lastLength;

    ProgressBar(Target target, PrintStream out) {
        this.target = target;
        this.out = out;
    }

    /** The progress bar for where this code runs: notebook, terminal, or log. */
    public static ProgressBar forThisProcess() {
        Target target = Display.inNotebook() ? Target.NOTEBOOK : System.console() != null ? Target.TERMINAL : Target.LOG;
        return new ProgressBar(target, System.out);
    }

    /** A progress bar writing to a stream, e.g. for a log ({@link Target#LOG}) or a terminal. */
    public static ProgressBar to(PrintStream out, Target target) {
        if (target == Target.NOTEBOOK) {
            throw new IllegalArgumentException("A notebook progress bar shows itself; use forThisProcess() in a notebook");
        }
        return new ProgressBar(target, out);
    }

    @Override
    public void onTrainStart(TrainingContext context) {
        startNanos = System.nanoTime();
        lastUpdate = 0;
        lastEpoch = "";
        if (target == Target.NOTEBOOK) {
            displayId = Display.show(view(line(context, 0, Double.NaN)));
        }
    }

    @Override
    public void onBatchEnd(TrainingContext context, int batch, double loss) {
        if (target == Target.LOG) {
            return;
        }
        long now = System.nanoTime() / 1_000_000;
        if (now - lastUpdate < UPDATE_MILLIS) {
            return;
        }
        lastUpdate = now;
        show(line(context, batch, loss));
    }

    @Override
    public void onEpochEnd(TrainingContext context, EpochResult result) {
        StringBuilder s = new StringBuilder();
        for (var entry : result.metrics().entrySet()) {
            s.append(s.length() == 0 ? "" : " ").append(entry.getKey().label()).append(' ')
                    .append(entry.getKey() == Metric.LEARNING_RATE
                            ? String.format(Locale.ROOT, "%.2g", entry.getValue())
                            : String.format(Locale.ROOT, "%.4f", entry.getValue()));
        }
        lastEpoch = s.toString();
        if (target == Target.LOG) {
            out.println(String.format(Locale.ROOT, "epoch %d/%d  %s  (%.1f s)", result.epoch(), context.epochs(),
                    lastEpoch, result.millis() / 1000.0));
        } else {
            show(line(context, context.batchesPerEpoch(), Double.NaN));
        }
    }

    @Override
    public void onTrainEnd(TrainingContext context, History history) {
        String end = String.format(Locale.ROOT, "%s: %d epoch%s in %.1f s, %s%s",
                history.stop() == StopReason.INTERRUPTED ? "stopped" : "done", history.epochCount(),
                history.epochCount() == 1 ? "" : "s", elapsed(), history.message(),
                lastEpoch.isEmpty() ? "" : " | last: " + lastEpoch);
        switch (target) {
            case NOTEBOOK -> Display.update(displayId, view(end));
            case TERMINAL -> {
                show(end);
                out.println();
            }
            case LOG -> out.println(end);
        }
    }

    private void show(String line) {
        if (target == Target.NOTEBOOK) {
            Display.update(displayId, view(line));
        } else if (target == Target.TERMINAL) {
            String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
            out.print("\r" + padded);
            out.flush();
            lastLength = line.length();
        }
    }

    private String line(TrainingContext context, int batch, double loss) {
        int total = context.batchesPerEpoch();
        String bar;
        if (total > 0) {
            int filled = (int) Math.round(WIDTH * Math.min(1.0, batch / (double) total));
            bar = "█".repeat(filled) + "░".repeat(WIDTH - filled) + " " + batch + "/" + total;
        } else {
            bar = "batch " + batch;
        }
        String current = Double.isNaN(loss) ? "" : String.format(Locale.ROOT, "  loss %.4f", loss);
        String previous = lastEpoch.isEmpty() ? "" : "  | last epoch: " + lastEpoch;
        return String.format(Locale.ROOT, "epoch %d/%d %s%s%s  %.1f s", Math.max(1, context.epoch()), context.epochs(),
                bar, current, previous, elapsed());
    }

    private double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static Html view(String line) {
        return new Html() {
            @Override
            public String toHtml() {
                return "<pre style=\"margin:0\">" + Html.escape(line) + "</pre>";
            }

            @Override
            public String toString() {
                return line;
            }
        };
    }
}
