package dlkit.train;

import java.util.Locale;

/** What training records each epoch. Validation metrics need a validation set in {@link FitOptions}. */
public enum Metric {
    /**
     * Mean loss over the epoch's training batches, as the optimizer saw them: with dropout on, and with the
     * penalty of L1, L2 or weight decay added.
     */
    LOSS(false),
    /**
     * Mean loss on the validation set after the epoch: the loss of the predictions only (no dropout, no
     * L1/L2/weight-decay penalty), so that regularised and plain networks compare fairly.
     */
    VAL_LOSS(false),
    /** Share of training examples classified right after the epoch (an extra pass over the training set). */
    ACCURACY(true),
    /** Share of validation examples classified right after the epoch. */
    VAL_ACCURACY(true),
    /** The learning rate used in the epoch (recorded when a {@link LearningRates} schedule is set). */
    LEARNING_RATE(false);

    private final boolean higherIsBetter;

    Metric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    /** Whether a larger value is an improvement (accuracy) rather than a smaller one (loss). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether the metric is measured on the validation set. */
    public boolean needsValidation() {
        return this == VAL_LOSS || this == VAL_ACCURACY;
    }

    /** The metric's name as charts and tables show it, e.g. {@code val_loss}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
