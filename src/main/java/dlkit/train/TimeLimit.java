package dlkit.train;

import java.util.Locale;

/**
 * Stops training once a time budget is spent, after the batch that spent it: to compare two networks for the
 * same training time rather than the same number of epochs, or to keep a run within a lesson. The epoch that
 * was running is finished as a shorter one (its metrics are measured), and the {@link History} says
 * {@link StopReason#STOPPED_EARLY} with the time spent.
 *
 * <pre>{@code
 * Learner.fit(net, data, FitOptions.epochs(1_000).callbacks(TimeLimit.seconds(60)));
 * }</pre>
 */
public final class TimeLimit implements Callback {

    private final double seconds;
    private long start;

    private TimeLimit(double seconds) {
        this.seconds = seconds;
    }

    /**
     * @throws IllegalArgumentException for a budget that is not positive
     */
    public static TimeLimit seconds(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("TimeLimit: " + seconds + " s; give a positive number of seconds, e.g. 60");
        }
        return new TimeLimit(seconds);
    }

    /** The budget in seconds. */
    public double limit() {
        return seconds;
    }

    @Override
    public void onTrainStart(TrainingContext context) {
        start = System.nanoTime();
    }

    @Override
    public void onBatchEnd(TrainingContext context, int batch, double loss) {
        double spent = (System.nanoTime() - start) / 1e9;
        if (spent >= seconds && !context.stopRequested()) {
            context.stop(String.format(Locale.ROOT, "the time limit of %.0f s was reached in epoch %d after batch %d",
                    seconds, context.epoch(), batch));
        }
    }
}
