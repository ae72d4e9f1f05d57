package dlkit.ethics;

import java.util.function.ToDoubleFunction;

/** The per-group rates of a {@link FairnessAudit}, by name, e.g. to choose the bars of a chart. */
public enum GroupRate {
    /** P(y = 1 | group). */
    BASE_RATE("base rate", GroupMetrics::baseRate),
    /** P(ŷ = 1 | group). */
    SELECTION_RATE("selection rate", GroupMetrics::selectionRate),
    /** Share predicted correctly. */
    ACCURACY("accuracy", GroupMetrics::accuracy),
    /** P(ŷ = 1 | y = 1, group). */
    TRUE_POSITIVE_RATE("true positive rate", GroupMetrics::truePositiveRate),
    /** P(ŷ = 1 | y = 0, group). */
    FALSE_POSITIVE_RATE("false positive rate", GroupMetrics::falsePositiveRate),
    /** P(y = 1 | ŷ = 1, group). */
    PRECISION("precision", GroupMetrics::precision);

    private final String label;
    private final ToDoubleFunction<GroupMetrics> value;

    GroupRate(String label, ToDoubleFunction<GroupMetrics> value) {
        this.label = label;
        this.value = value;
    }

    /** The name shown in charts and tables, e.g. "selection rate". */
    public String label() {
        return label;
    }

    /** This rate of one group ({@code NaN} when undefined). */
    public double of(GroupMetrics group) {
        return value.applyAsDouble(group);
    }
}
