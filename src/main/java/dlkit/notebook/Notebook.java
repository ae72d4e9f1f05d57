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

    /** The environment variable that replaces the course's seed, e.g. to measure how much results vary. */
    public static final String SEED_ENV = "DLKIT_SEED";

    /**
     * The environment variable that makes a failed {@link #check} print {@code ✘ ...} and go on instead of
     * failing the cell, so that one run measures every check (the margins command sets it).
     */
    public static final String CONTINUE_ENV = "DLKIT_CHECKS_CONTINUE";

    /**
     * The seed the course uses everywhere, so that a run gives the same numbers every time: 42, unless the
     * environment variable {@value #SEED_ENV} gives another.
     */
    public static final long SEED = seedFrom(System.getenv(SEED_ENV));

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
        report(holds, what, out, System.getenv(CONTINUE_ENV) != null);
    }

    /**
     * Asserts that a measured value lies above a threshold, e.g.
     * {@code checkAbove(accuracy, byMode(0.85, 0.95), "test accuracy %.3f", accuracy)}. Prints
     * {@code ✔ what [value > threshold]}, so that the margin is seen; fails the cell when the value is not above
     * the threshold (or is NaN).
     */
    public static void checkAbove(double value, double threshold, String format, Object... args) {
        compare(value, Comparison.ABOVE, threshold, format(format, args), System.out);
    }

    /** Asserts that a measured value lies below a threshold; see {@link #checkAbove}. */
    public static void checkBelow(double value, double threshold, String format, Object... args) {
        compare(value, Comparison.BELOW, threshold, format(format, args), System.out);
    }

    /** Asserts that a measured value is at least a threshold (for counts, e.g. "10 of 12 sequences"). */
    public static void checkAtLeast(double value, double threshold, String format, Object... args) {
        compare(value, Comparison.AT_LEAST, threshold, format(format, args), System.out);
    }

    /** Asserts that a measured value is at most a threshold. */
    public static void checkAtMost(double value, double threshold, String format, Object... args) {
        compare(value, Comparison.AT_MOST, threshold, format(format, args), System.out);
    }

    /** How a measured value must relate to its threshold. */
    enum Comparison {
        ABOVE(">"), BELOW("<"), AT_LEAST(">="), AT_MOST("<=");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        boolean holds(double value, double threshold) {
            return switch (this) {
                case ABOVE -> value > threshold;
                case BELOW -> value < threshold;
                case AT_LEAST -> value >= threshold;
                case AT_MOST -> value <= threshold;
            };
        }
    }

    static void compare(double value, Comparison comparison, double threshold, String what, PrintStream out) {
        Objects.requireNonNull(what, "check(...) needs a description of what is checked");
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("the threshold of check '" + what + "' is NaN; give a number");
        }
        String measured = "[" + number(value) + " " + comparison.symbol + " " + number(threshold) + "]";
        report(comparison.holds(value, threshold), what + " " + measured, out, System.getenv(CONTINUE_ENV) != null);
    }

    static void report(boolean holds, String what, PrintStream out, boolean goOn) {
        if (holds) {
            out.println("✔ " + what);
            return;
        }
        String mode = Mode.current().name().toLowerCase(Locale.ROOT);
        String failed = "✘ check failed: " + what + " (mode " + mode + ")";
        if (goOn) {
            out.println(failed);
            return;
        }
        throw new CheckFailed(failed + ". Re-run the cells above in order; if it still fails, the notes above this "
                + "cell say what to look at.");
    }

    /** A value as the margins command reads it back: up to 6 significant digits, no grouping. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = String.format(Locale.ROOT, "%.6g", value);
        if (text.contains("e")) {
            return text.replaceFirst("\\.?0+e", "e");
        }
        return text.contains(".") ? text.replaceFirst("\\.?0+$", "") : text;
    }

    private static String format(String format, Object... args) {
        Objects.requireNonNull(format, "check(...) needs a description of what is checked");
        return args.length == 0 ? format : String.format(Locale.ROOT, format, args);
    }

    static long seedFrom(String value) {
        if (value == null || value.isBlank()) {
            return 42;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED_ENV + "='" + value + "' is not a whole number; set it to a "
                    + "seed such as 7, or leave it unset for the course's seed 42", e);
        }
    }

    /**
     * A learner's self-check of a practice question: prints {@code PASS} when the answer is right, {@code FAIL}
     * with a hint when it is not, and a reminder while it is still unanswered ({@code null} or NaN). Never
     * throws: it is feedback for the learner, not a test of the notebook.
     *
     * @param question  which question, e.g. "Q1"
     * @param given     the learner's answer
     * @param expected  the right answer; numbers match within 1e-6 (relative) or 1e-9 (absolute)
     * @param hint      what to think about when the answer is wrong
     */
    public static void selfCheck(String question, Object given, Object expected, String hint) {
        selfCheck(question, given, expected, hint, System.out);
    }

    static boolean selfCheck(String question, Object given, Object expected, String hint, PrintStream out) {
        if (given == null || (given instanceof Double d && d.isNaN()) || (given instanceof Float f && f.isNaN())) {
            out.println("… " + question + ": not answered yet. Put your answer in the cell above and run both cells.");
            return false;
        }
        boolean right = matches(given, expected);
        out.println(right ? "PASS " + question : "FAIL " + question + ": " + given + " is not right. Hint: " + hint);
        return right;
    }

    /**
     * A graded test of an exercise, as in the assignments: prints {@code PASS question} when {@code given}
     * matches {@code expected} (as {@link #selfCheck} compares); otherwise throws {@link WrongAnswer} whose
     * message reads {@code FAIL question: <given> is not right. Hint: ...}, which fails the cell (in an
     * nbgrader test cell, the cell's points are lost). A known mistake gets a hint of its own:
     * {@code mistakes} are pairs of a wrong answer and the hint for it, e.g.
     * {@code checkAnswer("Q1 sigmoid(2)", sigmoid(2), expected, "sigmoid(z) = 1 / (1 + e^-z)", wrong, "the sign of the exponent")}.
     *
     * @throws WrongAnswer when the answer is wrong or missing
     */
    public static void checkAnswer(String question, Object given, Object expected, String hint, Object... mistakes) {
        checkAnswer(question, given, expected, hint, System.out, mistakes);
    }

    static void checkAnswer(String question, Object given, Object expected, String hint, PrintStream out,
                            Object... mistakes) {
        if (mistakes.length % 2 != 0) {
            throw new IllegalArgumentException("checkAnswer: mistakes come in pairs (wrong answer, hint), got "
                    + mistakes.length + " values");
        }
        if (given == null || (given instanceof Double d && d.isNaN()) || (given instanceof Float f && f.isNaN())) {
            throw new WrongAnswer("FAIL " + question + ": no answer yet. Hint: " + hint);
        }
        if (matches(given, expected)) {
            out.println("PASS " + question);
            return;
        }
        String why = hint;
        for (int i = 0; i < mistakes.length; i += 2) {
            if (matches(given, mistakes[i])) {
                why = String.valueOf(mistakes[i + 1]);
                break;
            }
        }
        throw new WrongAnswer("FAIL " + question + ": " + given + " is not right. Hint: " + why);
    }

    private static boolean matches(Object given, Object expected) {
        if (given instanceof Number g && expected instanceof Number e) {
            return close(g.doubleValue(), e.doubleValue());
        }
        return Objects.equals(given, expected) || (given instanceof String s && expected instanceof String t
                && s.trim().equalsIgnoreCase(t.trim()));
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= Math.max(1e-9, 1e-6 * Math.max(Math.abs(a), Math.abs(b)));
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
