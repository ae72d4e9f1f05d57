package dlkit.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.ndarray.INDArray;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How the course's values look in a notebook: charts as PNG images, tables as HTML, arrays as text
 * with their shape. Pure functions, used by {@link CourseExtension} and testable without a kernel.
 */
public final class Renderers {

    /** Rows shown from the top of a long table; the same number, halved, from the bottom. */
    public static final int TABLE_HEAD_ROWS = 10;

    /** Elements of an array printed before ND4J summarises it with "...". */
    public static final long ARRAY_MAX_ELEMENTS = 400;

    private Renderers() {
    }

    /** The chart as PNG bytes, at its own width and height, after {@link ChartLayout#tidy}. */
    public static byte[] png(Chart<?, ?> chart) {
        ChartLayout.tidy(chart);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not draw the chart '" + chart.getTitle() + "' as PNG", e);
        }
    }

    /** The chart as base64 PNG, the form Jupyter's {@code image/png} output takes. */
    public static String pngBase64(Chart<?, ?> chart) {
        return Base64.getEncoder().encodeToString(png(chart));
    }

    /** A one-line description of a chart, for plain-text outputs. */
    public static String text(Chart<?, ?> chart) {
        String title = chart.getTitle();
        return chart.getClass().getSimpleName() + (title == null || title.isBlank() ? "" : " '" + title + "'")
                + " " + chart.getWidth() + "x" + chart.getHeight();
    }

    /**
     * A table as HTML: a caption with its name and size, the column names and types, the first
     * {@value #TABLE_HEAD_ROWS} rows and, for longer tables, the last few after an ellipsis row.
     */
    public static String html(Table table) {
        int rows = table.rowCount();
        int head = Math.min(rows, TABLE_HEAD_ROWS);
        int tail = rows > TABLE_HEAD_ROWS + TABLE_HEAD_ROWS / 2 ? TABLE_HEAD_ROWS / 2 : rows - head;
        StringBuilder html = new StringBuilder(1024);
        html.append("<table class=\"dlkit-table\">\n<caption style=\"text-align:left\">")
                .append(Html.escape(table.name() == null ? "table" : table.name()))
                .append(": ").append(String.format(Locale.ROOT, "%,d", rows)).append(rows == 1 ? " row" : " rows")
                .append(" × ").append(table.columnCount()).append(table.columnCount() == 1 ? " column" : " columns")
                .append("</caption>\n<thead><tr><th></th>");
        for (Column<?> column : table.columns()) {
            html.append("<th title=\"").append(Html.escape(column.type().name())).append("\">")
                    .append(Html.escape(column.name())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < head; r++) {
            appendRow(html, table, r);
        }
        if (head + tail < rows) {
            html.append("<tr><td>…</td>");
            html.append("<td>…</td>".repeat(table.columnCount()));
            html.append("</tr>\n");
        }
        for (int r = rows - tail; r < rows; r++) {
            appendRow(html, table, r);
        }
        return html.append("</tbody>\n</table>").toString();
    }

    private static void appendRow(StringBuilder html, Table table, int row) {
        html.append("<tr><th>").append(row).append("</th>");
        for (Column<?> column : table.columns()) {
            html.append("<td>").append(Html.escape(column.getString(row))).append("</td>");
        }
        html.append("</tr>\n");
    }

    /** A table as text: Tablesaw's own layout of its first {@value #TABLE_HEAD_ROWS} rows and a count of the rest. */
    public static String text(Table table) {
        int rows = table.rowCount();
        Table shown = rows > TABLE_HEAD_ROWS ? table.first(TABLE_HEAD_ROWS) : table;
        int hidden = rows - TABLE_HEAD_ROWS;
        String more = hidden > 0 ? String.format(Locale.ROOT, "%n... %,d more %s", hidden, hidden == 1 ? "row" : "rows") : "";
        return shown.print() + more;
    }

    /**
     * An array as text: its data type and shape on the first line (what learners most often need to
     * know), then its values, four decimals, summarised with "..." beyond {@value #ARRAY_MAX_ELEMENTS}
     * elements.
     */
    public static String text(INDArray array) {
        String header = array.dataType().name().toLowerCase(Locale.ROOT) + " " + shape(array.shape());
        if (array.isEmpty()) {
            return header + " (empty)";
        }
        return header + "\n" + array.toString(ARRAY_MAX_ELEMENTS, false, 4);
    }

    /** A shape written the way the course writes it, e.g. {@code [60000, 784]}. */
    public static String shape(long[] shape) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(']').toString();
    }
}
