package dlkit.ethics;

/**
 * How a classifier treats one group of people, as counts and the rates the fairness metrics compare. The
 * positive class is the favourable outcome (e.g. credit "good"): "selected" means predicted positive.
 *
 * <p>A rate whose denominator is zero is undefined and is {@code NaN}: every rate of an empty group, the
 * true positive rate of a group with no positive examples, the false positive rate of a group with no
 * negatives, the precision of a group of which nobody is selected.
 *
 * @param group              the group's name, e.g. {@code female} or {@code female & young}
 * @param size               rows in the group
 * @param positives          rows whose true class is the positive one
 * @param selected           rows predicted positive
 * @param truePositives      rows predicted positive that are positive
 * @param falsePositives     rows predicted positive that are negative
 * @param correct            rows whose predicted class is the true one
 * @param tooSmall           fewer rows than the audit's minimum group size: shown, but left out of the
 *                           differences and ratios, because its rates are too noisy to judge
 */
public record GroupMetrics(String group, int size, int positives, int selected, int truePositives,
                           int falsePositives, int correct, boolean tooSmall) {

    /** Checks the counts. */
    public GroupMetrics {
        if (size < 0 || positives < 0 || positives > size || selected < 0 || selected > size || truePositives < 0
                || truePositives > Math.min(positives, selected) || falsePositives < 0
                || truePositives + falsePositives != selected || correct < 0 || correct > size) {
            throw new IllegalArgumentException("GroupMetrics '" + group + "': inconsistent counts (size " + size
                    + ", positives " + positives + ", selected " + selected + ", TP " + truePositives + ", FP "
                    + falsePositives + ", correct " + correct + ")");
        }
    }

    /** Rows whose true class is not the positive one. */
    public int negatives() {
        return size - positives;
    }

    /** The share of the group that is truly positive, P(y = 1 | group): the base rate. */
    public double baseRate() {
        return ratio(positives, size);
    }

    /** The share of the group predicted positive, P(ŷ = 1 | group): what demographic parity compares. */
    public double selectionRate() {
        return ratio(selected, size);
    }

    /** The share of the group predicted correctly. */
    public double accuracy() {
        return ratio(correct, size);
    }

    /** TP / positives, P(ŷ = 1 | y = 1, group), the recall: what equal opportunity compares. */
    public double truePositiveRate() {
        return ratio(truePositives, positives);
    }

    /** FP / negatives, P(ŷ = 1 | y = 0, group): with the TPR, what equalized odds compares. */
    public double falsePositiveRate() {
        return ratio(falsePositives, negatives());
    }

    /** TP / selected, P(y = 1 | ŷ = 1, group): of those selected, the share that deserved it. */
    public double precision() {
        return ratio(truePositives, selected);
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
