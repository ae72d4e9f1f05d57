package dlkit.tune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One combination of hyperparameters to try: a number (from 1, in the order trials run) and a value for
 * each parameter of the {@link SearchSpace}, read by name:
 * {@code trial.getDouble("learningRate")}, {@code trial.getInt("units")}, {@code trial.getString("activation")}.
 *
 * @param number the trial's place in the search, from 1
 * @param params parameter name to value (Double, Integer or String), in the space's order
 */
public record Trial(int number, Map<String, Object> params) {

    public Trial {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * A number parameter; whole-number parameters are widened (units 64 reads as 64.0).
     *
     * @throws IllegalArgumentException when there is no such parameter (the message lists them), or it holds words
     */
    public double getDouble(String name) {
        Object value = value(name);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(name, value, "getDouble");
    }

    /**
     * A whole-number parameter, e.g. a layer size or batch size.
     *
     * @throws IllegalArgumentException when there is no such parameter, or it holds doubles or words
     */
    public int getInt(String name) {
        Object value = value(name);
        if (value instanceof Integer i) {
            return i;
        }
        throw wrongType(name, value, "getInt");
    }

    /**
     * A word parameter, e.g. an activation's name.
     *
     * @throws IllegalArgumentException when there is no such parameter, or it holds numbers
     */
    public String getString(String name) {
        Object value = value(name);
        if (value instanceof String s) {
            return s;
        }
        throw wrongType(name, value, "getString");
    }

    /** The value of a parameter as it was given: a Double, an Integer or a String. */
    public Object get(String name) {
        return value(name);
    }

    /** The parameters as {@code name=value, ...}, e.g. {@code learningRate=0.001, units=64}. */
    @Override
    public String toString() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + Param.format(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private Object value(String name) {
        Object value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Trial " + number + " has no parameter '" + name + "'; the parameters are "
                    + params.keySet() + " (names are case-sensitive)");
        }
        return value;
    }

    private IllegalArgumentException wrongType(String name, Object value, String asked) {
        String getter = switch (Param.kindOf(value)) {
            case "int" -> "getInt";
            case "double" -> "getDouble";
            default -> "getString";
        };
        return new IllegalArgumentException("Parameter '" + name + "' is a " + Param.kindOf(value) + " (" + Param.format(value)
                + "), so " + asked + " cannot read it; use trial." + getter + "(\"" + name + "\")");
    }
}
