package dlkit.tune;

import java.util.Locale;

import dlkit.train.History;

/**
 * What one trial gave: its parameters, its score, how long it took and, when it trained through
 * {@link Search#run}, its {@link History}.
 *
 * @param trial   the parameters tried
 * @param score   the validation score, NaN when the trial failed
 * @param epoch   the epoch where a {@link Search#run run}'s metric was best (0 for a plain score)
 * @param seconds how long the trial took, building and training included
 * @param history the trial's training history, or null for {@link Search#maximize}/{@link Search#minimize}
 * @param failure why the trial failed (e.g. training diverged), or null when it did not
 */
public record TrialResult(Trial trial, double score, int epoch, double seconds, History history, String failure) {

    /** Whether the trial failed: its training diverged or its score is not a number. */
    public boolean failed() {
        return failure != null;
    }

    /** The trial's number (from 1, in the order trials ran). */
    public int number() {
        return trial.number();
    }

    @Override
    public String toString() {
        return "trial " + trial.number() + " (" + trial + "): "
                + (failed() ? "failed, " + failure : String.format(Locale.ROOT, "%.4f", score))
                + String.format(Locale.ROOT, " in %.1f s", seconds);
    }
}
