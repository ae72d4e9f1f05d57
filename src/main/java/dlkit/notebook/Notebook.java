package dlkit.notebook;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

import org.nd4j.linalg.factory.Nd4j;

/**
 * What every notebook uses: {@link #check} to assert what a lesson teaches, the run {@link Mode}, and
 * seeds. The course kernel imports these statically, so a cell can say {@code check(acc > 0.9, ...)}.
 */
public final class Notebook {

    /** The seed the course uses everywhere, so that a run gives the same numbers every time. */
    public static final long SEED = 42;

    private Notebook() {
    }

    /**
     * Asserts what a notebook teaches. Prints {@code ✔ what} when it holds; otherwise throws
     * {@link CheckFailed}, which fails the cell (and the test run that executes the notebook).
     *
     * @param holds whether the lesson held, e.g. {@code accuracy > 0.97}
     * @param what  what was checked, in words a learner reads, e.g. "test accuracy above 97%"
     */
    public static void check(boolean holds, String what) {
        check(holds, what, System.out);
    }

    /** Like {@link #check(boolean, String)}, with the description built by {@link String#format}. */
    public static void check(boolean holds, String format, Object... args) {
        check(holds, String.format(Locale.ROOT, format, args), System.out);
    }

    static void check(boolean holds, String what, PrintStream out) {
        Objects.requireNonNull(what, "check(...) needs a description of what is checked");
        if (!holds) {
            String mode = System.getenv(Mode.ENV) == null ? "full" : System.getenv(Mode.ENV);
            throw new CheckFailed("✘ check failed: " + what + " (mode " + mode + "). Re-run the cells above in order; if it still fails, the notes above this cell say "
                    + "what to look at.");
        }
        out.println("✔ " + what);
    }

    /** The run mode of this kernel: {@link Mode#QUICK} in the test command, {@link Mode#FULL} otherwise. */
    public static Mode mode() {
        return Mode.current();
    }

    /** Whether this run is the quick one (the test command's). */
    public static boolean quick() {
        return mode() == Mode.QUICK;
    }

    /** Picks a value by mode: the first in a quick run, the second in a full one (e.g. epochs). */
    public static <T> T byMode(T quickValue, T fullValue) {
        return quick() ? quickValue : fullValue;
    }

    /** Picks an int by mode: the first in a quick run, the second in a full one. */
    public static int byMode(int quickValue, int fullValue) {
        return quick() ? quickValue : fullValue;
    }

    /** Picks a double by mode: the first in a quick run, the second in a full one. */
    public static double byMode(double quickValue, double fullValue) {
        return quick() ? quickValue : fullValue;
    }

    /**
     * Seeds ND4J's random generator for the calling thread with {@link #SEED}. Notebook cells may run on
     * different threads, and ND4J keeps one generator per thread: call this in the cell that draws random
     * numbers. (Networks take their own seed from {@code NeuralNetConfiguration.Builder.seed}.)
     */
    public static void seed() {
        seed(SEED);
    }

    /** Seeds ND4J's random generator for the calling thread. */
    public static void seed(long seed) {
        Nd4j.getRandom().setSeed(seed);
    }
}
