package dlkit.train;

/** Why training ended. */
public enum StopReason {
    /** All planned epochs ran. */
    COMPLETED,
    /** A callback (usually {@link EarlyStopping}) asked to stop. */
    STOPPED_EARLY,
    /**
     * Training diverged: the loss became NaN or infinite, or rose far above its lowest, or a classifier's
     * weights leapt; the weights are those at the start of the epoch where it showed.
     */
    DIVERGED,
    /** The thread was interrupted (a notebook's stop button); training stopped between two batches. */
    INTERRUPTED,
    /**
     * A {@link Checkpoint} could not save the network (a folder that cannot be written, a full disk);
     * training stopped after the epoch it could not save, whose weights the network keeps.
     */
    CHECKPOINT_FAILED
}
