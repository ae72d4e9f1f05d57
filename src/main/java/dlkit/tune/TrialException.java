package dlkit.tune;

/** A trial's code threw: names the trial and its parameters; the cause is the original exception. */
public final class TrialException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TrialException(String message, Throwable cause) {
        super(message, cause);
    }
}
