package dlkit.notebook;

import java.util.Locale;

/**
 * How much work a notebook does. {@link #FULL} is a learner's run: full datasets, enough epochs to
 * reach the accuracies the prose promises. {@link #QUICK} is the test command's run: small subsets and
 * few epochs, with lower thresholds, so that every notebook is proven to work in minutes.
 *
 * <p>The mode comes from the environment variable {@value #ENV} ({@code quick} or {@code full});
 * when it is unset the mode is {@code full}. A notebook can choose for itself with
 * {@code Mode.set(Mode.QUICK)} in its first cell: the choice holds for that kernel until it restarts or
 * until {@code Mode.set(null)} hands it back to the environment variable.
 */
public enum Mode {
    QUICK,
    FULL;

    /** The environment variable that selects the mode. */
    public static final String ENV = "DLKIT_MODE";

    private static volatile Mode chosen;

    /** The mode of this kernel: the one {@link #set} chose, else the one {@value #ENV} names. */
    public static Mode current() {
        Mode mode = chosen;
        return mode != null ? mode : parse(System.getenv(ENV));
    }

    /**
     * Chooses the mode for this kernel, whatever {@value #ENV} says; {@code null} goes back to it. Run it
     * before the cells that read the mode (a notebook's first cell), then run the notebook from the top.
     */
    public static void set(Mode mode) {
        chosen = mode;
        System.out.println("mode: " + current().name().toLowerCase(Locale.ROOT)
                + (mode == null ? " (from " + ENV + ")" : " (chosen in this kernel)"));
    }

    /**
     * Parses a mode name; {@code null} or blank means {@link #FULL}.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Mode parse(String value) {
        if (value == null || value.isBlank()) {
            return FULL;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException(
                    ENV + "='" + value + "' is not a mode; set it to 'quick' (small and fast, as in the tests) "
                            + "or 'full' (a learner's run), or leave it unset for 'full'");
        };
    }
}
