package dlkit.train;

/** A callback threw during training: names the callback and the event; the cause is the original exception. */
public final class CallbackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallbackException(String message, Throwable cause) {
        super(message, cause);
    }
}
