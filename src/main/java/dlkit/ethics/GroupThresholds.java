package dlkit.ethics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dlkit.eval.Predictions;

/**
 * A mitigation after training: one decision threshold per group on the probability of the positive
 * class, chosen so that the groups end up alike on one measure. The model is not retrained; only where
 * each group's line between "yes" and "no" is drawn moves.
 *
 * <ul>
 *   <li>{@link Goal#DEMOGRAPHIC_PARITY}: every group is selected at the overall selection rate of the
 *       predictions the thresholds are fitted on;</li>
 *   <li>{@link Goal#EQUAL_OPPORTUNITY}: in every group, the same share of truly positive rows is selected
 *       (the overall true positive rate).</li>
 * </ul>
 *
 * <p>Fit on held-out predictions (a validation part), then apply to new ones and audit again: the
 * audit measures what the thresholds bought, and the accuracy shows what they cost. A group with fewer
 * rows than the audit's minimum size gets no threshold of its own and keeps the model's decisions. Using
 * the group at decision time means the sensitive attribute must be known and used on purpose, which
 * some laws forbid for some decisions: a choice to make with people who know the setting.
 *
 * @param goal          what the groups are made equal on
 * @param positiveClass the favourable class whose probability is thresholded
 * @param thresholds    group name to its threshold: positive when P(positive) is at least the threshold
 */
public record GroupThresholds(Goal goal, String positiveClass, Map<String, Double> thresholds) {

    /** What the thresholds equalise across groups. */
    public enum Goal {
        /** Equal selection rates. */
        DEMOGRAPHIC_PARITY,
        /** Equal true positive rates. */
        EQUAL_OPPORTUNITY
    }

    /** Copies the map, keeping its order. */
    public GroupThresholds {
        thresholds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
    }

    /**
     * Thresholds fitted on the predictions and groups of {@code audit} (binary classes only).
     *
     * @throws IllegalArgumentException when there are more than two classes, or for
     *                                  {@link Goal#EQUAL_OPPORTUNITY} when no row is positive
     */
    public static GroupThresholds fit(FairnessAudit audit, Goal goal) {
        Predictions p = audit.predictions();
        if (p.classes().size() != 2) {
            throw new IllegalArgumentException("GroupThresholds.fit: thresholds need two classes, but there are "
                    + p.classes().size() + " " + p.classes());
        }
        int positive = audit.positiveIndex();
        double[] score = p.probabilities(positive);
        int[] truth = p.truth();
        String[] groups = audit.rowGroups();
        double target;
        if (goal == Goal.DEMOGRAPHIC_PARITY) {
            target = audit.selectionRate();
        } else {
            int pos = 0;
            int tp = 0;
            int[] predicted = p.predicted();
            for (int i = 0; i < truth.length; i++) {
                pos += truth[i] == positive ? 1 : 0;
                tp += truth[i] == positive && predicted[i] == positive ? 1 : 0;
            }
            if (pos == 0) {
                throw new IllegalArgumentException("GroupThresholds.fit(EQUAL_OPPORTUNITY): no row is of the positive class '"
                        + audit.positiveClass() + "', so there is no true positive rate to equalise; fit on data with positives");
            }
            target = (double) tp / pos;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (GroupMetrics g : audit.groups()) {
            if (g.tooSmall()) {
                continue;
            }
            List<Double> scores = new ArrayList<>();
            for (int i = 0; i < groups.length; i++) {
                if (groups[i].equals(g.group()) && (goal == Goal.DEMOGRAPHIC_PARITY || truth[i] == positive)) {
                    scores.add(score[i]);
                }
            }
            if (!scores.isEmpty()) {
                out.put(g.group(), threshold(scores.stream().mapToDouble(Double::doubleValue).toArray(), target));
            }
        }
        return new GroupThresholds(goal, audit.positiveClass(), out);
    }

    /**
     * The threshold that selects a share {@code rate} of {@code scores}: halfway between the last score
     * selected and the first one not selected (ties are selected together).
     */
    static double threshold(double[] scores, double rate) {
        double[] s = scores.clone();
        Arrays.sort(s);
        int n = s.length;
        int k = (int) Math.round(rate * n);
        if (k <= 0) {
            return Math.nextUp(s[n - 1]);
        }
        if (k >= n) {
            return s[0];
        }
        double lastIn = s[n - k];
        double firstOut = s[n - k - 1];
        return lastIn == firstOut ? lastIn : (lastIn + firstOut) / 2;
    }

    /**
     * New predictions: for a row of a group with a threshold, the positive class when its probability is
     * at least that threshold, else the other class; rows of other groups keep their predicted class.
     *
     * @param groups the group of every row, e.g. {@code FairnessAudit.groupsOf(split.test(), "sex")}
     * @throws IllegalArgumentException when the lengths differ or the classes lack the positive class
     */
    public Predictions apply(Predictions predictions, String[] groups) {
        int positive = predictions.classes().indexOf(positiveClass);
        if (positive < 0 || predictions.classes().size() != 2) {
            throw new IllegalArgumentException("GroupThresholds.apply: the predictions' classes " + predictions.classes()
                    + " are not two classes including '" + positiveClass + "'");
        }
        if (groups == null || groups.length != predictions.size()) {
            throw new IllegalArgumentException("GroupThresholds.apply: " + (groups == null ? 0 : groups.length)
                    + " group names for " + predictions.size() + " predictions; give one group per row, in the same order");
        }
        double[] score = predictions.probabilities(positive);
        int[] predicted = predictions.predicted();
        for (int i = 0; i < predicted.length; i++) {
            Double t = thresholds.get(groups[i]);
            if (t != null) {
                predicted[i] = score[i] >= t ? positive : 1 - positive;
            }
        }
        return predictions.withPredicted(predicted);
    }

    /** The audit of {@code audit}'s rows after applying the thresholds to its predictions. */
    public FairnessAudit apply(FairnessAudit audit) {
        return audit.withPredictions(apply(audit.predictions(), audit.rowGroups()));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("GroupThresholds (" + goal.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + ", P(" + positiveClass + ") at least):");
        thresholds.forEach((g, t) -> s.append(String.format(Locale.ROOT, " %s %.3f;", g, t)));
        return s.toString();
    }
}
