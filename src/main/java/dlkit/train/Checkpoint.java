package dlkit.train;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;

import dlkit.io.AtomicFile;

/**
 * Saves the network during training, after every epoch or only when a metric reaches a new best.
 * Every save is atomic: the model is written to a temporary file beside the target, then renamed over
 * it, so a crash or an interrupted cell never leaves a half-written checkpoint. The file holds the
 * updater state too, so training can resume from it ({@code ModelSerializer.restoreMultiLayerNetwork}).
 *
 * <p>When a save fails (a folder that cannot be written, a full disk), training stops by a flag,
 * {@link StopReason#CHECKPOINT_FAILED}, with one message that says why; the {@link History} keeps the
 * epochs run.
 */
public final class Checkpoint implements Callback {

    private final Path file;
    private final Metric best;
    private double bestValue = Double.NaN;
    private int saves;

    private Checkpoint(Path file, Metric best) {
        this.file = file;
        this.best = best;
    }

    /** Saves to {@code file} after every epoch. */
    public static Checkpoint to(Path file) {
        Objects.requireNonNull(file, "Checkpoint.to(null): pass the file to save to, e.g. Path.of(\"model.zip\")");
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("Checkpoint file " + file + " is a folder; name a file inside it, e.g. "
                    + file.resolve("model.zip"));
        }
        return new Checkpoint(file, null);
    }

    /** Saves only when {@code metric} reaches a new best value. */
    public Checkpoint bestOf(Metric metric) {
        return new Checkpoint(file, Objects.requireNonNull(metric, "bestOf(null): pass a metric, e.g. Metric.VAL_LOSS"));
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /** How many times the last run saved. */
    public int saves() {
        return saves;
    }

    @Override
    public void onTrainStart(TrainingContext context) {
        bestValue = Double.NaN;
        saves = 0;
    }

    @Override
    public void onEpochEnd(TrainingContext context, EpochResult result) {
        if (best != null) {
            if (!result.has(best)) {
                throw new IllegalArgumentException("Checkpoint.bestOf(" + best.label() + "): the metric is not recorded; "
                        + (best.needsValidation() ? "pass a validation set" : "ask for it with FitOptions.metrics"));
            }
            double value = result.get(best);
            boolean better = Double.isNaN(bestValue) || (best.higherIsBetter() ? value > bestValue : value < bestValue);
            if (!better) {
                return;
            }
            bestValue = value;
        }
        try {
            save(context.model(), file);
        } catch (UncheckedIOException e) {
            context.stop(StopReason.CHECKPOINT_FAILED, "Checkpoint: " + e.getMessage() + ". Training stopped after"
                    + " epoch " + result.epoch() + ", which could not be saved; the network keeps its weights and the"
                    + " History the epochs run");
            return;
        }
        saves++;
    }

    /** Writes a model to {@code file} atomically (temporary file, then rename), with its updater state. */
    public static void save(Model model, Path file) {
        AtomicFile.write(file, "the model", out -> ModelSerializer.writeModel(model, out, true));
    }

    @Override
    public String toString() {
        return "Checkpoint(" + file + (best == null ? "" : ", best " + best.label()) + ")";
    }
}
