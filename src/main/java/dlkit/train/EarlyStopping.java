package dlkit.train;

import java.util.Locale;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stops training when a metric has stopped improving, and gives the network back the weights of its
 * best epoch. {@code EarlyStopping.monitor(Metric.VAL_LOSS).patience(3)} stops after 3 epochs in a row
 * without a new best validation loss.
 *
 * <p>An epoch improves on the best when it beats it by more than {@link #minDelta}. With
 * {@link #restoreBest} (the default) the best epoch's weights are put back when training ends, whether
 * it stopped early or ran all its epochs; the {@link History} says which epoch they came from.
 */
public final class EarlyStopping implements Callback {

    private final Metric monitor;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBest;

    private double best;
    private int bestEpoch;
    private int wait;
    private INDArray bestParams;
    private int restoredEpoch;

    private EarlyStopping(Metric monitor, int patience, double minDelta, boolean restoreBest) {
        this.monitor = monitor;
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBest = restoreBest;
    }

    /** Early stopping on a metric, with patience 3, no minimum improvement, best weights restored. */
    public static EarlyStopping monitor(Metric metric) {
        Objects.requireNonNull(metric, "monitor(null): pass the metric to watch, e.g. Metric.VAL_LOSS");
        if (metric == Metric.LEARNING_RATE) {
            throw new IllegalArgumentException("EarlyStopping cannot monitor the learning rate; monitor VAL_LOSS or VAL_ACCURACY");
        }
        return new EarlyStopping(metric, 3, 0, true);
    }

    /** Epochs in a row without improvement before training stops (at least 1). */
    public EarlyStopping patience(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("patience must be at least 1 epoch, not " + epochs
                    + "; with patience 1 training stops at the first epoch that does not improve");
        }
        return new EarlyStopping(monitor, epochs, minDelta, restoreBest);
    }

    /** How much better than the best an epoch must be to count as an improvement (0 or more). */
    public EarlyStopping minDelta(double delta) {
        if (!(delta >= 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("minDelta must be zero or a small positive number, not " + delta
                    + ", e.g. 0.001 for a loss");
        }
        return new EarlyStopping(monitor, patience, delta, restoreBest);
    }

    /** Whether the best epoch's weights are restored when training ends. */
    public EarlyStopping restoreBest(boolean restore) {
        return new EarlyStopping(monitor, patience, minDelta, restore);
    }

    public Metric monitor() {
        return monitor;
    }

    public int patience() {
        return patience;
    }

    public double minDelta() {
        return minDelta;
    }

    /** The epoch whose weights were restored at the end of the last run, or 0. */
    public int restoredEpoch() {
        return restoredEpoch;
    }

    /** The epoch with the best value in the last run, or 0. */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void onTrainStart(TrainingContext context) {
        best = Double.NaN;
        bestEpoch = 0;
        wait = 0;
        bestParams = null;
        restoredEpoch = 0;
    }

    @Override
    public void onEpochEnd(TrainingContext context, EpochResult result) {
        if (!result.has(monitor)) {
            throw new IllegalArgumentException("EarlyStopping monitors " + monitor.label() + ", which training does not "
                    + "record; " + (monitor.needsValidation() ? "pass a validation set: FitOptions.validation(...)"
                    : "ask for it: FitOptions.metrics(Metric." + monitor.name() + ")"));
        }
        double value = result.get(monitor);
        boolean improved = Double.isNaN(best)
                || (monitor.higherIsBetter() ? value > best + minDelta : value < best - minDelta);
        if (improved) {
            best = value;
            bestEpoch = result.epoch();
            wait = 0;
            if (restoreBest) {
                bestParams = context.copyOfParams();
            }
            return;
        }
        wait++;
        if (wait >= patience) {
            context.stop(String.format(Locale.ROOT, "%s did not improve for %d epoch%s (best %.4f at epoch %d)",
                    monitor.label(), patience, patience == 1 ? "" : "s", best, bestEpoch));
        }
    }

    @Override
    public void onTrainEnd(TrainingContext context, History history) {
        int last = history.epochCount();
        if (restoreBest && bestParams != null && bestEpoch != last && history.stop() != StopReason.DIVERGED) {
            context.setParams(bestParams);
            restoredEpoch = bestEpoch;
        }
        bestParams = null;
    }

    @Override
    public String toString() {
        return "EarlyStopping(" + monitor.label() + ", patience " + patience + ", minDelta " + minDelta + ")";
    }
}
