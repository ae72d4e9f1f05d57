package dlkit.ethics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dlkit.eval.Predictions;
import dlkit.notebook.Html;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A fairness audit: how a classifier's {@link Predictions} differ between groups of people (by sex, age
 * group, ...). Per group ({@link GroupMetrics}): size, base rate, selection rate, accuracy, true and false
 * positive rates, precision. Across groups, the metrics practitioners know from fairlearn, with the same
 * definitions:
 * <ul>
 *   <li>demographic-parity difference: the largest selection rate minus the smallest
 *       (fairlearn {@code demographic_parity_difference}); 0 when every group is selected equally often;</li>
 *   <li>demographic-parity ratio: the smallest selection rate over the largest
 *       ({@code demographic_parity_ratio}); 1 is parity;</li>
 *   <li>equalized-odds difference: the larger of the TPR difference and the FPR difference
 *       ({@code equalized_odds_difference}); 0 when errors fall on every group alike; {@code NaN} when
 *       either cannot be compared, since half of the comparison is no evidence of parity;</li>
 *   <li>equal-opportunity difference: the TPR difference ({@code equal_opportunity_difference}): do the
 *       people who deserve the positive outcome get it equally often in every group?</li>
 *   <li>disparate-impact ratio: each group's selection rate over the highest group's; the
 *       <em>four-fifths rule</em> (US EEOC guidelines) calls a ratio below 0.8 adverse impact. The smallest
 *       of them equals the demographic-parity ratio.</li>
 * </ul>
 *
 * <p>Where this audit parts from fairlearn, it is to avoid judging on no evidence: a group with fewer rows
 * than {@link #minGroupSize(int)} (default {@value #DEFAULT_MIN_GROUP_SIZE}), or with none (an expected
 * group, {@link #expectGroups}), is shown and flagged but left out of the differences and ratios; a rate
 * that is undefined in a group (the TPR of a group with no positives) is {@code NaN} and left out of that
 * comparison, where fairlearn would count it as 0; and with fewer than two groups to compare, the
 * differences are {@code NaN} ("nothing to compare") where fairlearn reports 0 (perfect parity). Every such
 * decision is listed in {@link #notes()}.
 *
 * <p>Immutable; the settings return new audits.
 */
public final class FairnessAudit implements Html {

    /** Groups smaller than this are flagged and not compared, unless set otherwise. */
    public static final int DEFAULT_MIN_GROUP_SIZE = 30;

    /** The four-fifths rule: a selection-rate ratio below this is adverse impact. */
    public static final double FOUR_FIFTHS = 0.8;

    /** The group name of rows whose sensitive value is missing. */
    public static final String MISSING = "(missing)";

    private final Predictions predictions;
    private final String attribute;
    private final String[] groupOf;
    private final int positive;
    private final int minGroupSize;
    private final List<String> expected;
    private final List<GroupMetrics> groups;
    private final List<String> notes;

    private FairnessAudit(Predictions predictions, String attribute, String[] groupOf, int positive, int minGroupSize,
                          List<String> expected) {
        this.predictions = predictions;
        this.attribute = attribute;
        this.groupOf = groupOf;
        this.positive = positive;
        this.minGroupSize = minGroupSize;
        this.expected = expected;
        this.notes = new ArrayList<>();
        this.groups = List.copyOf(measure());
        String equalizedOdds = equalizedOddsGap();
        if (equalizedOdds != null) {
            notes.add(equalizedOdds);
        }
    }

    /**
     * Audits {@code predictions} across the groups of one or more sensitive columns of {@code data}, the
     * table the predictions were made on (row {@code i} of the table is row {@code i} of the predictions).
     * With several columns, the groups are their combinations, e.g. {@code female & 25 or younger}
     * (intersectional groups, which are smaller and more often flagged too small).
     *
     * <p>The positive (favourable) class is class 1 until {@link #positive(String)} names another.
     *
     * @throws IllegalArgumentException when the table and the predictions have different numbers of rows,
     *                                  a column is not in the table (the message lists its columns), or a
     *                                  column is a number with many values (bin it into groups first)
     */
    public static FairnessAudit of(Predictions predictions, Table data, String... sensitiveColumns) {
        checkPredictions(predictions);
        if (data == null) {
            throw new IllegalArgumentException("FairnessAudit.of: the table is null; pass the table the predictions were made on");
        }
        if (data.rowCount() != predictions.size()) {
            throw new IllegalArgumentException("FairnessAudit.of: table '" + data.name() + "' has " + data.rowCount()
                    + " rows but the predictions have " + predictions.size() + "; audit the very rows that were"
                    + " predicted, in the same order (e.g. split.test() for predictions on the test part)");
        }
        return of(predictions, String.join(" & ", checkColumns(data, sensitiveColumns, "FairnessAudit.of")),
                groupsOf(data, sensitiveColumns));
    }

    /**
     * Audits {@code predictions} across groups given row by row, e.g. {@code {"male", "female", ...}}.
     *
     * @param attribute what the groups are, e.g. "sex", for titles
     * @param groups    the group of every row of the predictions, in the same order
     * @throws IllegalArgumentException when the lengths differ or a group name is null
     */
    public static FairnessAudit of(Predictions predictions, String attribute, String[] groups) {
        checkPredictions(predictions);
        if (groups == null || groups.length == 0) {
            throw new IllegalArgumentException("FairnessAudit.of: no groups given (empty data); pass one group name per"
                    + " row of the predictions (" + predictions.size() + " rows)");
        }
        if (groups.length != predictions.size()) {
            throw new IllegalArgumentException("FairnessAudit.of: " + groups.length + " group names for "
                    + predictions.size() + " predictions; the rows are misaligned: give one group per predicted row, in"
                    + " the same order");
        }
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] == null) {
                throw new IllegalArgumentException("FairnessAudit.of: the group of row " + i + " is null; name every"
                        + " row's group (use \"" + MISSING + "\" for unknown)");
            }
        }
        return new FairnessAudit(predictions, attribute == null ? "group" : attribute, groups.clone(), 1,
                DEFAULT_MIN_GROUP_SIZE, List.of());
    }

    /**
     * The group of every row of {@code data}: the value of the column, or the values of several columns
     * joined with {@code " & "}; a missing value is the group {@value #MISSING}.
     *
     * @throws IllegalArgumentException for an unknown column or a number column with more than 12 values
     */
    public static String[] groupsOf(Table data, String... columns) {
        checkColumns(data, columns, "FairnessAudit.groupsOf");
        String[] out = new String[data.rowCount()];
        for (int row = 0; row < out.length; row++) {
            StringBuilder name = new StringBuilder();
            for (int c = 0; c < columns.length; c++) {
                Column<?> column = data.column(columns[c]);
                boolean missing = column.isMissing(row) || (column instanceof StringColumn s && s.get(row).isEmpty());
                name.append(c == 0 ? "" : " & ").append(missing ? MISSING : value(column, row));
            }
            out[row] = name.toString();
        }
        return out;
    }

    private static String value(Column<?> column, int row) {
        if (column instanceof NumericColumn<?> n) {
            double v = n.getDouble(row);
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }
        return column.getString(row);
    }

    private static List<String> checkColumns(Table data, String[] columns, String caller) {
        if (columns == null || columns.length == 0) {
            throw new IllegalArgumentException(caller + ": name at least one sensitive column; the columns of '"
                    + data.name() + "' are " + data.columnNames());
        }
        for (String name : columns) {
            if (name == null || !data.containsColumn(name)) {
                throw new IllegalArgumentException(caller + ": column '" + name + "' is not in table '" + data.name()
                        + "'; its columns are " + data.columnNames());
            }
            Column<?> column = data.column(name);
            if (column instanceof NumericColumn<?> && column.countUnique() > 12) {
                throw new IllegalArgumentException(caller + ": column '" + name + "' is a number with "
                        + column.countUnique() + " distinct values, too many to audit as groups; bin it first, e.g. a"
                        + " column \"" + name + "_group\" with \"25 or younger\" and \"over 25\"");
            }
        }
        return List.of(columns);
    }

    private static void checkPredictions(Predictions predictions) {
        if (predictions == null) {
            throw new IllegalArgumentException("FairnessAudit.of: the predictions are null; pass Predictions.of(...)"
                    + " computed on the rows to audit");
        }
    }

    /**
     * The same audit with {@code className} as the positive (favourable) outcome, e.g. "good" for credit.
     *
     * @throws IllegalArgumentException when there is no such class (the message lists them)
     */
    public FairnessAudit positive(String className) {
        int index = predictions.classes().indexOf(className);
        if (index < 0) {
            throw new IllegalArgumentException("FairnessAudit.positive: no class '" + className + "'; the classes are "
                    + predictions.classes());
        }
        return new FairnessAudit(predictions, attribute, groupOf, index, minGroupSize, expected);
    }

    /**
     * The same audit with groups of fewer than {@code rows} rows flagged too small and left out of the
     * comparisons.
     *
     * @throws IllegalArgumentException when {@code rows < 1}
     */
    public FairnessAudit minGroupSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("FairnessAudit.minGroupSize(" + rows + "): give at least 1 row, e.g. "
                    + DEFAULT_MIN_GROUP_SIZE);
        }
        return new FairnessAudit(predictions, attribute, groupOf, positive, rows, expected);
    }

    /**
     * The same audit listing these groups even when no row belongs to them (e.g. a category the data
     * declares but never uses): an empty group is shown and flagged, never silently missing.
     */
    public FairnessAudit expectGroups(String... names) {
        return new FairnessAudit(predictions, attribute, groupOf, positive, minGroupSize, List.of(names));
    }

    /**
     * The same groups and settings, with other predictions for the same rows, e.g. after mitigation.
     *
     * @throws IllegalArgumentException when the number of rows differs
     */
    public FairnessAudit withPredictions(Predictions other) {
        checkPredictions(other);
        if (other.size() != predictions.size() || !other.classes().equals(predictions.classes())) {
            throw new IllegalArgumentException("withPredictions: " + other.size() + " rows of classes " + other.classes()
                    + " for an audit of " + predictions.size() + " rows of classes " + predictions.classes()
                    + "; pass predictions for the same rows, in the same order");
        }
        return new FairnessAudit(other, attribute, groupOf, positive, minGroupSize, expected);
    }

    private List<GroupMetrics> measure() {
        int[] truth = predictions.truth();
        int[] predicted = predictions.predicted();
        Map<String, int[]> counts = new LinkedHashMap<>();
        Set<String> names = new TreeSet<>(Arrays.asList(groupOf));
        names.addAll(expected);
        for (String name : names) {
            counts.put(name, new int[5]);
        }
        for (int row = 0; row < truth.length; row++) {
            int[] c = counts.get(groupOf[row]);
            boolean pos = truth[row] == positive;
            boolean sel = predicted[row] == positive;
            c[0]++;
            c[1] += pos ? 1 : 0;
            c[2] += sel ? 1 : 0;
            c[3] += pos && sel ? 1 : 0;
            c[4] += truth[row] == predicted[row] ? 1 : 0;
        }
        List<GroupMetrics> out = new ArrayList<>();
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            GroupMetrics g = new GroupMetrics(e.getKey(), c[0], c[1], c[2], c[3], c[2] - c[3], c[4], c[0] < minGroupSize);
            out.add(g);
            if (g.size() == 0) {
                notes.add("group '" + g.group() + "' has no rows: nothing can be said about it");
            } else if (g.tooSmall()) {
                notes.add("group '" + g.group() + "' has " + g.size() + (g.size() == 1 ? " row" : " rows")
                        + ", fewer than " + minGroupSize + ": shown, but left out of the comparisons (too few to judge)");
            } else {
                if (g.positives() == 0) {
                    notes.add("group '" + g.group() + "' has no positive ('" + positiveName()
                            + "') rows: its true positive rate is undefined and left out of the TPR comparison");
                }
                if (g.negatives() == 0) {
                    notes.add("group '" + g.group() + "' has no negative rows: its false positive rate is undefined and"
                            + " left out of the FPR comparison");
                }
            }
        }
        long judged = out.stream().filter(g -> !g.tooSmall()).count();
        if (judged < 2) {
            notes.add(judged == 0 ? "no group has at least " + minGroupSize + " rows: nothing to compare, the differences"
                    + " and ratios are NaN" : "only one group has at least " + minGroupSize + " rows: nothing to compare,"
                    + " the differences and ratios are NaN (this is not evidence of fairness)");
        }
        return out;
    }

    private String positiveName() {
        return predictions.classes().get(positive);
    }

    /** The predictions audited. */
    public Predictions predictions() {
        return predictions;
    }

    /** What the groups are, e.g. "sex" or "sex & age_group". */
    public String attribute() {
        return attribute;
    }

    /** The positive (favourable) class. */
    public String positiveClass() {
        return positiveName();
    }

    /** The index of the positive class in {@code predictions().classes()}. */
    public int positiveIndex() {
        return positive;
    }

    /** The minimum size of a group that is compared. */
    public int minGroupSize() {
        return minGroupSize;
    }

    /** The group of every row, in the order of the predictions. */
    public String[] rowGroups() {
        return groupOf.clone();
    }

    /** Every group, in name order, flagged ones included. */
    public List<GroupMetrics> groups() {
        return groups;
    }

    /**
     * The group called {@code name}.
     *
     * @throws IllegalArgumentException when there is no such group (the message lists them)
     */
    public GroupMetrics group(String name) {
        for (GroupMetrics g : groups) {
            if (g.group().equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("FairnessAudit: no group '" + name + "' for " + attribute + "; the groups are "
                + groups.stream().map(GroupMetrics::group).toList());
    }

    /** What the audit decided about flagged groups and undefined rates, one sentence each. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The share of all rows predicted correctly. */
    public double accuracy() {
        return predictions.accuracy();
    }

    /** The share of all rows predicted positive. */
    public double selectionRate() {
        int selected = 0;
        for (int p : predictions.predicted()) {
            selected += p == positive ? 1 : 0;
        }
        return (double) selected / predictions.size();
    }

    /** Largest minus smallest selection rate over the compared groups; {@code NaN} with fewer than two. */
    public double demographicParityDifference() {
        return spread(GroupRate.SELECTION_RATE)[2];
    }

    /** Smallest over largest selection rate over the compared groups; {@code NaN} with fewer than two or when none is selected. */
    public double demographicParityRatio() {
        double[] s = spread(GroupRate.SELECTION_RATE);
        return s[1] == 0 ? Double.NaN : s[0] / s[1];
    }

    /** Largest minus smallest true positive rate over the compared groups where it is defined. */
    public double equalOpportunityDifference() {
        return spread(GroupRate.TRUE_POSITIVE_RATE)[2];
    }

    /** Largest minus smallest false positive rate over the compared groups where it is defined. */
    public double falsePositiveRateDifference() {
        return spread(GroupRate.FALSE_POSITIVE_RATE)[2];
    }

    /**
     * The larger of the TPR and FPR differences (fairlearn's worst case); {@code NaN} when either cannot be
     * compared (e.g. only one compared group has positive rows), because the other alone could read as
     * parity. The audit's {@link #notes()} then say which part is missing.
     */
    public double equalizedOddsDifference() {
        // Math.max is NaN when either argument is.
        return Math.max(equalOpportunityDifference(), falsePositiveRateDifference());
    }

    /**
     * Why the equalized-odds difference cannot be judged although groups are compared, in one sentence;
     * null when it can be judged, or when no two groups are compared (a note says so already).
     */
    String equalizedOddsGap() {
        if (groups.stream().filter(g -> !g.tooSmall()).count() < 2) {
            return null;
        }
        boolean noTpr = Double.isNaN(equalOpportunityDifference());
        boolean noFpr = Double.isNaN(falsePositiveRateDifference());
        if (!noTpr && !noFpr) {
            return null;
        }
        String rates = noTpr && noFpr ? "true and false positive rates" : noTpr ? "true positive rates" : "false positive rates";
        String rows = noTpr && noFpr ? "both positive and negative" : noTpr ? "positive ('" + positiveName() + "')" : "negative";
        return "the equalized-odds difference cannot be judged: the " + rates + " cannot be compared (fewer than two"
                + " compared groups have " + rows + " rows), and it needs both the TPR and the FPR difference; it is"
                + " NaN, not 0, which would read as parity. Audit more rows, or compare the rates that are defined";
    }

    /**
     * The selection rate of group {@code name} over the highest selection rate of the compared groups:
     * below {@value #FOUR_FIFTHS} is adverse impact by the four-fifths rule.
     */
    public double impactRatio(String name) {
        double max = spread(GroupRate.SELECTION_RATE)[1];
        return max == 0 ? Double.NaN : group(name).selectionRate() / max;
    }

    /** The smallest impact ratio over the compared groups (equal to the demographic-parity ratio). */
    public double disparateImpactRatio() {
        return demographicParityRatio();
    }

    /** Whether every compared group's impact ratio is at least 0.8; false when nothing can be compared. */
    public boolean passesFourFifthsRule() {
        double ratio = disparateImpactRatio();
        return !Double.isNaN(ratio) && ratio >= FOUR_FIFTHS;
    }

    /** The compared groups whose impact ratio is below 0.8. */
    public List<String> adverseImpact() {
        List<String> out = new ArrayList<>();
        for (GroupMetrics g : groups) {
            if (!g.tooSmall() && impactRatio(g.group()) < FOUR_FIFTHS) {
                out.add(g.group());
            }
        }
        return out;
    }

    /** min, max and max - min of a rate over the compared groups where it is defined; NaNs with fewer than two. */
    private double[] spread(GroupRate rate) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (GroupMetrics g : groups) {
            double v = rate.of(g);
            if (!g.tooSmall() && !Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                n++;
            }
        }
        if (n < 2) {
            return new double[]{Double.NaN, Double.NaN, Double.NaN};
        }
        return new double[]{min, max, max - min};
    }

    /** The per-group numbers as a table, one row per group, for display or further work. */
    public Table table() {
        StringColumn name = StringColumn.create(attribute);
        tech.tablesaw.api.IntColumn size = tech.tablesaw.api.IntColumn.create("rows");
        Map<GroupRate, DoubleColumn> rates = new LinkedHashMap<>();
        for (GroupRate r : GroupRate.values()) {
            rates.put(r, DataChecks.decimals(r.label()));
        }
        DoubleColumn impact = DataChecks.decimals("impact ratio");
        StringColumn flag = StringColumn.create("flag");
        for (GroupMetrics g : groups) {
            name.append(g.group());
            size.append(g.size());
            rates.forEach((r, c) -> c.append(r.of(g)));
            impact.append(g.tooSmall() ? Double.NaN : impactRatio(g.group()));
            flag.append(g.size() == 0 ? "empty" : g.tooSmall() ? "too small to judge" : "");
        }
        Table t = Table.create("fairness audit by " + attribute, name, size);
        rates.values().forEach(t::addColumns);
        return t.addColumns(impact, flag);
    }

    /**
     * Several audits side by side, one row each (e.g. "before" and "after" a mitigation): accuracy,
     * selection rate, the differences and ratios, and the four-fifths verdict.
     */
    public static Table compare(Map<String, FairnessAudit> audits) {
        if (audits == null || audits.isEmpty()) {
            throw new IllegalArgumentException("FairnessAudit.compare: no audits; pass a map of name to audit, e.g."
                    + " Map.of(\"before\", before, \"after\", after)");
        }
        StringColumn name = StringColumn.create("audit");
        String[] labels = {"accuracy", "selection rate", "demographic-parity difference", "demographic-parity ratio",
                "equalized-odds difference", "equal-opportunity difference"};
        DoubleColumn[] columns = new DoubleColumn[labels.length];
        for (int i = 0; i < labels.length; i++) {
            columns[i] = DataChecks.comparisons(labels[i]);
        }
        StringColumn fourFifths = StringColumn.create("four-fifths rule");
        Map<String, FairnessAudit> ordered = audits instanceof LinkedHashMap ? audits : new java.util.TreeMap<>(audits);
        ordered.forEach((n, a) -> {
            name.append(n);
            double[] v = {a.accuracy(), a.selectionRate(), a.demographicParityDifference(), a.demographicParityRatio(),
                    a.equalizedOddsDifference(), a.equalOpportunityDifference()};
            for (int i = 0; i < v.length; i++) {
                columns[i].append(v[i]);
            }
            fourFifths.append(Double.isNaN(a.disparateImpactRatio()) ? "n/a" : a.passesFourFifthsRule() ? "passes" : "fails");
        });
        Table t = Table.create("audits compared", name);
        for (DoubleColumn c : columns) {
            t.addColumns(c);
        }
        return t.addColumns(fourFifths);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Fairness audit by %s (%d rows, positive class '%s', groups of %d+ rows compared)%n",
                attribute, predictions.size(), positiveName(), minGroupSize));
        s.append(String.format(Locale.ROOT, "%-24s %6s %6s %6s %6s %6s %6s %6s%n", "group", "rows", "base", "select",
                "acc", "TPR", "FPR", "prec"));
        for (GroupMetrics g : groups) {
            s.append(String.format(Locale.ROOT, "%-24s %6d %6s %6s %6s %6s %6s %6s%s%n", g.group(), g.size(),
                    f(g.baseRate()), f(g.selectionRate()), f(g.accuracy()), f(g.truePositiveRate()),
                    f(g.falsePositiveRate()), f(g.precision()), g.tooSmall() ? "  (too small to judge)" : ""));
        }
        for (String[] line : summary()) {
            s.append(line[0]).append(": ").append(line[1]).append(System.lineSeparator());
        }
        for (String note : notes) {
            s.append("note: ").append(note).append(System.lineSeparator());
        }
        return s.toString().stripTrailing();
    }

    private List<String[]> summary() {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[]{"demographic-parity difference", judged(demographicParityDifference())});
        lines.add(new String[]{"demographic-parity ratio", judged(demographicParityRatio())});
        lines.add(new String[]{"equalized-odds difference", judged(equalizedOddsDifference())});
        lines.add(new String[]{"equal-opportunity difference", judged(equalOpportunityDifference())});
        String verdict = Double.isNaN(disparateImpactRatio()) ? "cannot be judged"
                : passesFourFifthsRule() ? "passes (every ratio at least 0.8)"
                : "fails for " + adverseImpact();
        lines.add(new String[]{"four-fifths rule", f(disparateImpactRatio()) + ", " + verdict});
        return lines;
    }

    static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A comparison across groups in words: its value, or "cannot be judged" (the notes say why). */
    static String judged(double v) {
        return Double.isNaN(v) ? "cannot be judged (n/a)" : f(v);
    }

    @Override
    public String toHtml() {
        StringBuilder h = new StringBuilder(2048);
        h.append("<div class=\"dlkit-audit\"><p><b>Fairness audit by ").append(Html.escape(attribute)).append("</b>: ")
                .append(predictions.size()).append(" rows, positive class <code>").append(Html.escape(positiveName()))
                .append("</code>, groups of ").append(minGroupSize).append("+ rows compared</p>\n<table>\n<thead><tr><th>")
                .append(Html.escape(attribute)).append("</th><th>rows</th>");
        for (GroupRate r : GroupRate.values()) {
            h.append("<th>").append(r.label()).append("</th>");
        }
        h.append("<th>impact ratio</th><th></th></tr></thead>\n<tbody>\n");
        Set<String> seen = new HashSet<>();
        for (GroupMetrics g : groups) {
            seen.add(g.group());
            String style = g.tooSmall() ? " style=\"color:#888\"" : "";
            h.append("<tr").append(style).append("><th>").append(Html.escape(g.group())).append("</th><td>")
                    .append(g.size()).append("</td>");
            for (GroupRate r : GroupRate.values()) {
                h.append("<td style=\"text-align:right\">").append(f(r.of(g))).append("</td>");
            }
            h.append("<td style=\"text-align:right\">").append(g.tooSmall() ? "" : f(impactRatio(g.group())))
                    .append("</td><td>").append(g.size() == 0 ? "empty" : g.tooSmall() ? "too small to judge" : "")
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<ul>\n");
        for (String[] line : summary()) {
            h.append("<li>").append(line[0]).append(": <b>").append(Html.escape(line[1])).append("</b></li>\n");
        }
        h.append("</ul>\n");
        if (!notes.isEmpty()) {
            h.append("<p>Notes:</p>\n<ul>\n");
            notes.forEach(n -> h.append("<li>").append(Html.escape(n)).append("</li>\n"));
            h.append("</ul>\n");
        }
        return h.append("</div>").toString();
    }
}
