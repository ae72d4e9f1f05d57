package dlkit.notebook;

/** Thrown by {@link Notebook#check} when a notebook's lesson did not hold: the cell, and the run, fail. */
public final class CheckFailed extends AssertionError {
    private static final long serialVersionUID = 1L;

    public CheckFailed(String message) {
        super(message);
    }
}
