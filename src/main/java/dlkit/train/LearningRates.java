package dlkit.train;

import java.util.function.IntToDoubleFunction;

/**
 * Learning-rate schedules: callbacks that set the rate at the start of each epoch (recorded as
 * {@link Metric#LEARNING_RATE}). They override the rate of the network's updater; use them with
 * updaters that have one (Sgd, Adam, Nesterovs, RmsProp, ...).
 */
public final class LearningRates {

    private LearningRates() {
    }

    /** {@code initial}, multiplied by {@code factor} every {@code everyEpochs} epochs (a "step" decay). */
    public static Callback step(double initial, double factor, int everyEpochs) {
        positive("initial", initial);
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("step decay factor must be in (0, 1], not " + factor + ", e.g. 0.5 to halve the rate");
        }
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("step decay needs everyEpochs >= 1, not " + everyEpochs);
        }
        return schedule("step(" + initial + ", x" + factor + " every " + everyEpochs + ")",
                epoch -> initial * Math.pow(factor, (epoch - 1) / everyEpochs));
    }

    /** {@code initial * gamma^(epoch-1)}: a smooth exponential decay. */
    public static Callback exponential(double initial, double gamma) {
        positive("initial", initial);
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("exponential decay gamma must be in (0, 1], not " + gamma + ", e.g. 0.9");
        }
        return schedule("exponential(" + initial + ", gamma " + gamma + ")", epoch -> initial * Math.pow(gamma, epoch - 1));
    }

    /** From {@code initial} down to {@code minimum} (above 0) along half a cosine over {@code epochs} epochs. */
    public static Callback cosine(double initial, double minimum, int epochs) {
        positive("initial", initial);
        if (!(minimum > 0 && minimum < initial)) {
            throw new IllegalArgumentException("cosine decay needs 0 < minimum < initial, not minimum " + minimum
                    + " with initial " + initial + "; e.g. minimum = initial / 100");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("cosine decay needs epochs >= 1, not " + epochs);
        }
        return schedule("cosine(" + initial + " -> " + minimum + " over " + epochs + ")", epoch -> {
            double t = Math.min(1.0, (epoch - 1) / (double) Math.max(1, epochs - 1));
            return minimum + (initial - minimum) * 0.5 * (1 + Math.cos(Math.PI * t));
        });
    }

    /** Any schedule: the rate for each epoch (counted from 1). */
    public static Callback schedule(String name, IntToDoubleFunction rateForEpoch) {
        return new Callback() {
            @Override
            public void onEpochStart(TrainingContext context, int epoch) {
                double rate = rateForEpoch.applyAsDouble(epoch);
                if (!(rate > 0) || Double.isInfinite(rate)) {
                    throw new IllegalArgumentException("learning-rate schedule " + name + " gave " + rate
                            + " for epoch " + epoch + "; a rate must be a positive number");
                }
                context.setLearningRate(rate);
            }

            @Override
            public String toString() {
                return "LearningRates." + name;
            }
        };
    }

    private static void positive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("the " + what + " learning rate must be positive, not " + value + ", e.g. 0.01");
        }
    }
}
