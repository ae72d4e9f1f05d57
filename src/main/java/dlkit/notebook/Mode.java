package dlkit.notebook;

import java.util.Locale;

/**
 * How much work a notebook does. {@link #FULL} is a learner's run: full datasets, enough epochs to
 * reach the accuracies the prose promises. {@link #QUICK} is the test command's run: small subsets and
 * few epochs, with lower thresholds, so that every notebook is proven to work in minutes.
 *
 * <p>The mode comes from the environment variable {@value #ENV} ({@code quick} or {@code full});
 * when it is unset the mode is {@code full}.
 */
public enum Mode {
    QUICK,
    FULL;

    /** The environment variable that selects the mode. */
    public static final String ENV = "DLKIT_MODE";

    /** The mode of this process, read from {@value #ENV}. */
    public static Mode current() {
        return parse(System.getenv(ENV));
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
