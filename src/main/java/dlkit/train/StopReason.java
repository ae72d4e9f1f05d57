package dlkit.train;

/** Why training ended. */
public enum StopReason {
    /** All planned epochs ran. */
    COMPLETED,
    /** A callback (usually {@link EarlyStopping}) asked to stop. */
    STOPPED_EARLY,
    /** The loss became NaN or infinite; the weights are those before the bad step. */
    DIVERGED,
    /** The thread was interrupted (a notebook's stop button); training stopped between two batches. */
    INTERRUPTED,
    /**
     * A {@link Checkpoint} could not save the network (a folder that cannot be written, a full disk);
     * training stopped after the epoch it could not save, whose weights the network keeps.
     */
    CHECKPOINT_FAILED
}
