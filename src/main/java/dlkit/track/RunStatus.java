package dlkit.track;

/** How a run ended, with MLflow's names for it. */
public enum RunStatus {
    /** Still going (or the process running it ended without a word). */
    RUNNING,
    /** Training ran to its end, or was stopped early by a rule such as early stopping. */
    FINISHED,
    /** Training diverged, or failed with an error. */
    FAILED,
    /** Stopped by a person (the notebook's stop button). */
    KILLED
}
