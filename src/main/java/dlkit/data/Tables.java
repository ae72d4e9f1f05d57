package dlkit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Small helpers for Tablesaw tables that the course's data preparation needs: dropping incomplete rows,
 * and picking rows in a given order.
 */
public final class Tables {

    private Tables() {
    }

    /**
     * The rows of {@code table} that have a value in every one of {@code columns} (in every column when
     * none are named). A value is missing when Tablesaw marks it so (an empty cell, or {@code NA} in the
     * course's R exports) or when a number is NaN.
     *
     * @throws IllegalArgumentException when a named column is not in the table
     */
    public static Table dropMissing(Table table, String... columns) {
        List<Column<?>> checked = new ArrayList<>();
        if (columns.length == 0) {
            checked.addAll(table.columns());
        } else {
            for (String name : columns) {
                checked.add(column(table, name, "dropMissing"));
            }
        }
        List<Integer> keep = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            boolean complete = true;
            for (Column<?> column : checked) {
                if (isMissing(column, row)) {
                    complete = false;
                    break;
                }
            }
            if (complete) {
                keep.add(row);
            }
        }
        return rows(table, keep.stream().mapToInt(Integer::intValue).toArray(), table.name());
    }

    /**
     * Whether row {@code row} of {@code column} is missing: marked missing, an empty text (Tablesaw's
     * missing text, which its own {@code isMissing} does not always report), or a NaN number.
     */
    static boolean isMissing(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return true;
        }
        if (column instanceof StringColumn text) {
            String value = text.get(row);
            return value == null || value.isEmpty();
        }
        return column instanceof NumericColumn<?> numbers && Double.isNaN(numbers.getDouble(row));
    }

    /**
     * The named column of {@code table}; as in Tablesaw, names match regardless of case.
     *
     * @param caller what asks for it, for the message, e.g. "Split.stratified"
     * @throws IllegalArgumentException naming the column and listing the table's columns when it is not there
     */
    static Column<?> column(Table table, String name, String caller) {
        if (name == null || !table.containsColumn(name)) {
            throw new IllegalArgumentException(caller + ": column '" + name + "' is not in table '" + table.name()
                    + "'; its columns are " + table.columnNames());
        }
        return table.column(name);
    }

    /** The rows {@code rows} of {@code table}, in exactly that order (Tablesaw's own {@code rows} sorts them). */
    static Table rows(Table table, int[] rows, String name) {
        Table copy = table.emptyCopy(rows.length);
        table.copyRowsToTable(rows, copy);
        copy.setName(name);
        return copy;
    }

    /** The indices {@code 0..n-1}. */
    static int[] range(int n) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
    }
}
