package dlkit.tune;

import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/** One named hyperparameter of a {@link SearchSpace}: a list of values, or a range to sample from. */
sealed interface Param {

    String name();

    /** What the values are, for messages: "double", "int" or "text". */
    String kind();

    /** A value drawn at random. */
    Object sample(RandomGenerator random);

    /** The candidate values in the given order. */
    record Values(String name, List<Object> values) implements Param {
        public Values {
            values = List.copyOf(values);
        }

        @Override
        public String kind() {
            return kindOf(values.get(0));
        }

        @Override
        public Object sample(RandomGenerator random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public String toString() {
            return name + " in " + values.stream().map(Param::format).toList();
        }
    }

    /** Uniform between two numbers; log-uniform when {@code log} (every factor of ten equally likely). */
    record Range(String name, double min, double max, boolean log) implements Param {
        @Override
        public String kind() {
            return "double";
        }

        @Override
        public Object sample(RandomGenerator random) {
            double u = random.nextDouble();
            return log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
        }

        @Override
        public String toString() {
            return name + (log ? " log-uniform in [" : " uniform in [") + format(min) + ", " + format(max) + "]";
        }
    }

    /** Whole numbers from {@code min} to {@code max}, both included, equally likely. */
    record IntRange(String name, int min, int max) implements Param {
        @Override
        public String kind() {
            return "int";
        }

        @Override
        public Object sample(RandomGenerator random) {
            return min + random.nextInt(max - min + 1);
        }

        @Override
        public String toString() {
            return name + " whole number in [" + min + ", " + max + "]";
        }
    }

    static String kindOf(Object value) {
        if (value instanceof Integer) {
            return "int";
        }
        return value instanceof Double ? "double" : "text";
    }

    /** A value as tables show it: doubles with 4 significant digits, e.g. 0.001 or 0.2874. */
    static String format(Object value) {
        if (value instanceof Double d) {
            if (d == 0 || d.isNaN() || d.isInfinite()) {
                return String.valueOf(d == 0 ? "0" : d);
            }
            String s = String.format(Locale.ROOT, "%.4g", d);
            if (s.contains("e")) {
                String[] parts = s.split("e");
                String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "").replaceAll("\\.$", "") : parts[0];
                return mantissa + "e" + Integer.parseInt(parts[1]);
            }
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        return String.valueOf(value);
    }
}
