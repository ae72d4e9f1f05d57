package dlkit.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The hyperparameters a search tries, each with a name and its candidate values. Immutable; each method
 * returns a new space with one more parameter:
 *
 * <pre>{@code
 * SearchSpace.of()
 *         .values("learningRate", 1e-3, 3e-3, 1e-2)   // a list of doubles
 *         .values("units", 32, 64, 128)               // a list of whole numbers
 *         .values("activation", "relu", "tanh")       // a list of words
 *         .range("dropout", 0.0, 0.5)                 // any number in between (random search only)
 *         .logRange("l2", 1e-5, 1e-2)                 // every factor of ten equally likely
 *         .intRange("layers", 1, 3);                  // 1, 2 or 3
 * }</pre>
 *
 * Lists can be searched by {@link Search#grid} (every combination) and {@link Search#random}; ranges only
 * by random search, which draws from them. A trial reads its values by name with
 * {@link Trial#getDouble}, {@link Trial#getInt} and {@link Trial#getString}.
 */
public final class SearchSpace {

    private final List<Param> params;

    private SearchSpace(List<Param> params) {
        this.params = List.copyOf(params);
    }

    /** An empty space, to add parameters to. */
    public static SearchSpace of() {
        return new SearchSpace(List.of());
    }

    /**
     * A parameter with these numbers as candidates, e.g. learning rates {@code 1e-3, 1e-2}.
     *
     * @throws IllegalArgumentException when the name is blank or taken, no value is given, a value is NaN
     *                                  or infinite, or a value repeats
     */
    public SearchSpace values(String name, double... values) {
        requireSome(name, values == null ? 0 : values.length);
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Parameter '" + name + "': " + v + " is not a number a network can use; "
                        + "give finite values, e.g. values(\"" + name + "\", 0.001, 0.01)");
            }
        }
        return with(new Param.Values(name, distinct(name, Arrays.stream(values).boxed().map(v -> (Object) v).toList())));
    }

    /** A parameter with these whole numbers as candidates, e.g. layer sizes {@code 32, 64, 128}. */
    public SearchSpace values(String name, int... values) {
        requireSome(name, values == null ? 0 : values.length);
        return with(new Param.Values(name, distinct(name, Arrays.stream(values).boxed().map(v -> (Object) v).toList())));
    }

    /** A parameter with these words as candidates, e.g. activations {@code "relu", "tanh"} or updaters. */
    public SearchSpace values(String name, String... values) {
        requireSome(name, values == null ? 0 : values.length);
        for (String v : values) {
            Objects.requireNonNull(v, "Parameter '" + name + "': a value is null; give words, e.g. \"relu\"");
        }
        return with(new Param.Values(name, distinct(name, List.of((Object[]) values))));
    }

    /**
     * A number drawn uniformly from {@code [min, max]} in each random trial, e.g. a dropout rate from 0 to 0.5.
     *
     * @throws IllegalArgumentException when {@code min >= max} or either is not finite
     */
    public SearchSpace range(String name, double min, double max) {
        requireName(name);
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
            throw new IllegalArgumentException("Parameter '" + name + "': the range [" + min + ", " + max + "] is empty; "
                    + "give min < max, e.g. range(\"" + name + "\", 0.0, 0.5)");
        }
        return with(new Param.Range(name, min, max, false));
    }

    /**
     * A positive number drawn log-uniformly from {@code [min, max]}: between 0.0001 and 0.001 as often as
     * between 0.001 and 0.01. The right way to search learning rates and penalties, whose effect depends on
     * their order of magnitude.
     *
     * @throws IllegalArgumentException unless {@code 0 < min < max}
     */
    public SearchSpace logRange(String name, double min, double max) {
        requireName(name);
        if (!(min > 0 && Double.isFinite(max) && min < max)) {
            throw new IllegalArgumentException("Parameter '" + name + "': a log range needs 0 < min < max, not ["
                    + min + ", " + max + "]; e.g. logRange(\"" + name + "\", 1e-4, 1e-1)");
        }
        return with(new Param.Range(name, min, max, true));
    }

    /** A whole number from {@code min} to {@code max} (both included), drawn in each random trial. */
    public SearchSpace intRange(String name, int min, int max) {
        requireName(name);
        if (min > max) {
            throw new IllegalArgumentException("Parameter '" + name + "': the range [" + min + ", " + max + "] is empty; "
                    + "give min <= max, e.g. intRange(\"" + name + "\", 1, 3)");
        }
        return with(new Param.IntRange(name, min, max));
    }

    /** The parameters' names, in the order they were added. */
    public List<String> names() {
        return params.stream().map(Param::name).toList();
    }

    /** Whether the space has no parameters. */
    public boolean isEmpty() {
        return params.isEmpty();
    }

    /** Whether every parameter is a list of values, so that a grid search can try them all. */
    public boolean isGrid() {
        return params.stream().allMatch(p -> p instanceof Param.Values);
    }

    /**
     * How many combinations a grid search tries: the product of the list lengths.
     *
     * @throws IllegalArgumentException when a parameter is a range (it has no finite list of values)
     */
    public long gridSize() {
        requireGrid("gridSize()");
        long size = 1;
        for (Param p : params) {
            size = Math.multiplyExact(size, ((Param.Values) p).values().size());
        }
        return params.isEmpty() ? 0 : size;
    }

    /**
     * Every combination, the first parameter changing slowest (like nested loops in the order the
     * parameters were added), numbered from 1.
     */
    List<Trial> grid() {
        requireGrid("Grid search");
        List<Map<String, Object>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Param p : params) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : combos) {
                for (Object value : ((Param.Values) p).values()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(p.name(), value);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<Trial> trials = new ArrayList<>(combos.size());
        for (int i = 0; i < combos.size(); i++) {
            trials.add(new Trial(i + 1, combos.get(i)));
        }
        return trials;
    }

    /**
     * {@code n} trials drawn with a seeded generator: the same seed gives the same trials. When every
     * parameter is a list, the trials are different combinations (drawn without replacement).
     */
    List<Trial> sample(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<Trial> trials = new ArrayList<>(n);
        java.util.Set<Map<String, Object>> seen = new java.util.HashSet<>();
        boolean distinct = isGrid();
        while (trials.size() < n) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Param p : params) {
                m.put(p.name(), p.sample(random));
            }
            if (!distinct || seen.add(m)) {
                trials.add(new Trial(trials.size() + 1, m));
            }
        }
        return trials;
    }

    List<Param> params() {
        return params;
    }

    Param param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        if (params.isEmpty()) {
            return "SearchSpace (empty)";
        }
        StringBuilder s = new StringBuilder("SearchSpace of ").append(params.size())
                .append(params.size() == 1 ? " parameter" : " parameters");
        if (isGrid()) {
            s.append(", ").append(gridSize()).append(" combinations");
        }
        for (Param p : params) {
            s.append("\n  ").append(p);
        }
        return s.toString();
    }

    private void requireGrid(String what) {
        for (Param p : params) {
            if (!(p instanceof Param.Values)) {
                throw new IllegalArgumentException(what + " needs a list of values for every parameter, but '" + p.name()
                        + "' is a range (" + p + "): give it values(\"" + p.name() + "\", ...) or use Search.random");
            }
        }
    }

    private void requireSome(String name, int count) {
        requireName(name);
        if (count == 0) {
            throw new IllegalArgumentException("Parameter '" + name + "' has no values; give at least one, e.g. values(\""
                    + name + "\", 0.001, 0.01)");
        }
    }

    private void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A parameter needs a name, e.g. \"learningRate\", not " + (name == null ? "null" : "'" + name + "'"));
        }
        if (param(name) != null) {
            throw new IllegalArgumentException("Parameter '" + name + "' is already in the space " + names()
                    + "; give each parameter once, with all its values");
        }
    }

    private static List<Object> distinct(String name, List<Object> values) {
        if (new java.util.HashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("Parameter '" + name + "' repeats a value in " + values
                    + "; give each value once (a repeated value would train the same network twice)");
        }
        return values;
    }

    private SearchSpace with(Param p) {
        List<Param> more = new ArrayList<>(params);
        more.add(p);
        return new SearchSpace(more);
    }
}
