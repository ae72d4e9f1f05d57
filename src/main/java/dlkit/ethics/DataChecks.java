package dlkit.ethics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Checks of a table before any model is trained on it, group by group: is every group represented,
 * does the label mean the same in each, are values missing more often in some, which columns give a
 * sensitive attribute away (proxies), and which columns identify people. Each check returns a table,
 * which shows itself in a notebook.
 */
public final class DataChecks {

    /** Cramér's V from which a column counts as a proxy, unless told otherwise. */
    public static final double PROXY_THRESHOLD = 0.3;

    private DataChecks() {
    }

    /**
     * How many rows each group of each sensitive column has, and its share of the table.
     *
     * @throws IllegalArgumentException for an empty table or an unknown column (the message lists them)
     */
    public static Table representation(Table data, String... sensitive) {
        checkTable(data, "representation");
        StringColumn attribute = StringColumn.create("attribute");
        StringColumn group = StringColumn.create("group");
        IntColumn rows = IntColumn.create("rows");
        DoubleColumn share = decimals("share");
        for (String column : sensitive) {
            Map<String, Integer> counts = counts(FairnessAudit.groupsOf(data, column));
            counts.forEach((g, n) -> {
                attribute.append(column);
                group.append(g);
                rows.append(n);
                share.append((double) n / data.rowCount());
            });
        }
        return Table.create("representation", attribute, group, rows, share);
    }

    /**
     * Per group of {@code sensitive}: rows, rows whose {@code label} is {@code positive}, and that base
     * rate. Very different base rates are a warning: a model will learn them, and some fairness
     * definitions then cannot all hold.
     *
     * @throws IllegalArgumentException for an empty table, an unknown column, or a positive value the
     *                                  label never takes (the message lists the values)
     */
    public static Table labelBalance(Table data, String label, String positive, String sensitive) {
        checkTable(data, "labelBalance");
        String[] labels = FairnessAudit.groupsOf(data, label);
        if (!Arrays.asList(labels).contains(positive)) {
            throw new IllegalArgumentException("DataChecks.labelBalance: column '" + label + "' never has the value '"
                    + positive + "'; its values are " + new TreeMap<>(counts(labels)).keySet());
        }
        String[] groups = FairnessAudit.groupsOf(data, sensitive);
        Map<String, int[]> counts = new TreeMap<>();
        for (int i = 0; i < groups.length; i++) {
            int[] c = counts.computeIfAbsent(groups[i], k -> new int[2]);
            c[0]++;
            c[1] += labels[i].equals(positive) ? 1 : 0;
        }
        StringColumn group = StringColumn.create(sensitive);
        IntColumn rows = IntColumn.create("rows");
        IntColumn positives = IntColumn.create(label + " = " + positive);
        DoubleColumn rate = decimals("base rate");
        counts.forEach((g, c) -> {
            group.append(g);
            rows.append(c[0]);
            positives.append(c[1]);
            rate.append((double) c[1] / c[0]);
        });
        return Table.create("label balance by " + sensitive, group, rows, positives, rate);
    }

    /**
     * Per group of {@code sensitive}: rows, rows with at least one missing value, that share, and which
     * columns are missing how often. Dropping incomplete rows removes more of a group whose data are
     * missing more often.
     */
    public static Table missingByGroup(Table data, String sensitive) {
        checkTable(data, "missingByGroup");
        String[] groups = FairnessAudit.groupsOf(data, sensitive);
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Map<String, Integer>> byColumn = new TreeMap<>();
        for (int row = 0; row < groups.length; row++) {
            int[] c = counts.computeIfAbsent(groups[row], k -> new int[2]);
            c[0]++;
            boolean any = false;
            for (Column<?> column : data.columns()) {
                if (missing(column, row)) {
                    any = true;
                    byColumn.computeIfAbsent(groups[row], k -> new LinkedHashMap<>()).merge(column.name(), 1, Integer::sum);
                }
            }
            c[1] += any ? 1 : 0;
        }
        StringColumn group = StringColumn.create(sensitive);
        IntColumn rows = IntColumn.create("rows");
        IntColumn incomplete = IntColumn.create("rows with a missing value");
        DoubleColumn share = decimals("share incomplete");
        StringColumn which = StringColumn.create("missing values by column");
        counts.forEach((g, c) -> {
            group.append(g);
            rows.append(c[0]);
            incomplete.append(c[1]);
            share.append((double) c[1] / c[0]);
            Map<String, Integer> m = byColumn.getOrDefault(g, Map.of());
            which.append(m.isEmpty() ? "none" : m.toString());
        });
        return Table.create("missing values by " + sensitive, group, rows, incomplete, share, which);
    }

    /**
     * How strongly every other column is associated with {@code sensitive}, as Cramér's V (0: no
     * association, 1: one determines the other), strongest first; a column at or above {@code threshold}
     * is marked a proxy: a model can read the sensitive attribute from it even when the attribute itself
     * is left out. Number columns with more than 10 values are cut into 5 bins of equal counts first;
     * identifier columns ({@link #identifiers}) are left out, since one row per value makes V 1 for anything.
     *
     * @param threshold e.g. {@value #PROXY_THRESHOLD}
     */
    public static Table proxies(Table data, String sensitive, double threshold) {
        checkTable(data, "proxies");
        String[] target = FairnessAudit.groupsOf(data, sensitive);
        List<Object[]> results = new ArrayList<>();
        List<String> ids = identifiers(data);
        for (Column<?> column : data.columns()) {
            // An identifier has one row per value, which makes Cramér's V 1 whatever it is: leave it to identifiers().
            if (column.name().equalsIgnoreCase(sensitive) || ids.contains(column.name())) {
                continue;
            }
            results.add(new Object[]{column.name(), cramersV(categories(column), target)});
        }
        results.sort(Comparator.comparingDouble((Object[] r) -> -(Double) r[1]));
        StringColumn name = StringColumn.create("column");
        DoubleColumn v = decimals("Cramér's V with " + sensitive);
        StringColumn proxy = StringColumn.create("proxy");
        for (Object[] r : results) {
            name.append((String) r[0]);
            v.append((Double) r[1]);
            proxy.append((Double) r[1] >= threshold ? "yes" : "");
        }
        return Table.create("proxies for " + sensitive, name, v, proxy);
    }

    /** {@link #proxies(Table, String, double)} with the threshold {@value #PROXY_THRESHOLD}. */
    public static Table proxies(Table data, String sensitive) {
        return proxies(data, sensitive, PROXY_THRESHOLD);
    }

    /**
     * The columns that look like identifiers of people: a different value in every row (of at least 20),
     * and text or whole numbers (an ID, a name, an e-mail address). Such a column tells a model nothing
     * general, lets it memorise people, and must not leave the data store with the training data.
     */
    public static List<String> identifiers(Table data) {
        checkTable(data, "identifiers");
        List<String> out = new ArrayList<>();
        if (data.rowCount() < 20) {
            return out;
        }
        for (Column<?> column : data.columns()) {
            boolean text = column instanceof StringColumn;
            boolean whole = column instanceof NumericColumn<?> n && n.asDoubleColumn().asList().stream()
                    .allMatch(d -> d != null && d == Math.rint(d));
            if ((text || whole) && column.countMissing() == 0 && column.countUnique() == data.rowCount()) {
                out.add(column.name());
            }
        }
        return out;
    }

    /**
     * The model inputs that come from any of {@code columns}: the feature named like the column, or a
     * one-hot feature {@code column=value}. Empty means none of those columns feeds the model.
     *
     * @param featureNames the inputs, e.g. {@code FittedPreprocessor.featureNames()}
     */
    public static List<String> featuresFrom(List<String> featureNames, String... columns) {
        List<String> out = new ArrayList<>();
        for (String feature : featureNames) {
            for (String column : columns) {
                if (feature.equalsIgnoreCase(column) || feature.toLowerCase().startsWith(column.toLowerCase() + "=")) {
                    out.add(feature);
                }
            }
        }
        return out;
    }

    /**
     * Cramér's V of two categorical variables given row by row: {@code sqrt(chi² / (n · (min(r, c) - 1)))}
     * with {@code r} and {@code c} the numbers of categories; 0 when either has only one category.
     */
    public static double cramersV(String[] a, String[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("cramersV: " + a.length + " and " + b.length + " values; give two"
                    + " non-empty columns of the same length");
        }
        Map<String, Integer> ra = index(a);
        Map<String, Integer> rb = index(b);
        int r = ra.size();
        int c = rb.size();
        if (r < 2 || c < 2) {
            return 0;
        }
        double[][] observed = new double[r][c];
        for (int i = 0; i < a.length; i++) {
            observed[ra.get(a[i])][rb.get(b[i])]++;
        }
        double n = a.length;
        double[] rowSum = new double[r];
        double[] colSum = new double[c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                rowSum[i] += observed[i][j];
                colSum[j] += observed[i][j];
            }
        }
        double chi2 = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                double expected = rowSum[i] * colSum[j] / n;
                chi2 += (observed[i][j] - expected) * (observed[i][j] - expected) / expected;
            }
        }
        return Math.sqrt(chi2 / (n * (Math.min(r, c) - 1)));
    }

    private static Map<String, Integer> index(String[] values) {
        Map<String, Integer> index = new HashMap<>();
        for (String v : values) {
            index.putIfAbsent(v, index.size());
        }
        return index;
    }

    /** A column as categories: text as it is, numbers with many values cut into 5 bins of equal counts. */
    static String[] categories(Column<?> column) {
        String[] out = new String[column.size()];
        if (column instanceof NumericColumn<?> n && column.countUnique() > 10) {
            double[] sorted = n.asDoubleColumn().removeMissing().asDoubleArray();
            Arrays.sort(sorted);
            double[] edges = new double[4];
            for (int q = 1; q <= 4; q++) {
                edges[q - 1] = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, q * sorted.length / 5)];
            }
            for (int i = 0; i < out.length; i++) {
                if (missing(column, i)) {
                    out[i] = FairnessAudit.MISSING;
                    continue;
                }
                double v = n.getDouble(i);
                int bin = 0;
                while (bin < 4 && v >= edges[bin]) {
                    bin++;
                }
                out[i] = "bin " + bin;
            }
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = missing(column, i) ? FairnessAudit.MISSING : column.getString(i);
        }
        return out;
    }

    private static boolean missing(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return true;
        }
        if (column instanceof StringColumn s) {
            return s.get(row) == null || s.get(row).isEmpty();
        }
        return column instanceof NumericColumn<?> n && Double.isNaN(n.getDouble(row));
    }

    private static Map<String, Integer> counts(String[] values) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String v : values) {
            counts.merge(v, 1, Integer::sum);
        }
        return counts;
    }

    private static void checkTable(Table data, String caller) {
        if (data == null || data.rowCount() == 0) {
            throw new IllegalArgumentException("DataChecks." + caller + ": the table is "
                    + (data == null ? "null" : "empty ('" + data.name() + "' has no rows)") + "; load the data first");
        }
    }

    /** A number column shown with 3 decimals (the values keep their full precision). */
    static DoubleColumn decimals(String name) {
        DoubleColumn column = DoubleColumn.create(name);
        column.setPrintFormatter(tech.tablesaw.columns.numbers.NumberColumnFormatter.fixedWithGrouping(3));
        return column;
    }

    /** A number column shown with 3 decimals, and NaN (nothing to compare) shown as "n/a" rather than blank. */
    static DoubleColumn comparisons(String name) {
        java.text.NumberFormat format = java.text.NumberFormat.getInstance();
        format.setGroupingUsed(true);
        format.setMinimumFractionDigits(3);
        format.setMaximumFractionDigits(3);
        DoubleColumn column = DoubleColumn.create(name);
        column.setPrintFormatter(new tech.tablesaw.columns.numbers.NumberColumnFormatter(format, "n/a"));
        return column;
    }
}
