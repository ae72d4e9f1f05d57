package dlkit.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RenderersTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static XYChart chart() {
        XYChart chart = new XYChartBuilder().width(320).height(200).title("squares").xAxisTitle("x").yAxisTitle("y").build();
        chart.addSeries("x²", new double[]{0, 1, 2}, new double[]{0, 1, 4});
        return chart;
    }

    /** A table of {@code rows} rows: the row number and its square. */
    private static Table numbers(int rows) {
        int[] n = IntStream.range(0, rows).toArray();
        return Table.create("numbers", IntColumn.create("n", n),
                DoubleColumn.create("square", Arrays.stream(n).mapToDouble(i -> i * i).toArray()));
    }

    @Test
    void aChartIsAPngOfItsOwnSize() throws IOException {
        byte[] png = Renderers.png(chart());

        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(320, image.getWidth());
        assertEquals(200, image.getHeight());
    }

    @Test
    void base64IsThePngEncoded() {
        byte[] png = Base64.getDecoder().decode(Renderers.pngBase64(chart()));

        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
    }

    @Test
    void aChartAsTextIsItsKindTitleAndSize() {
        assertEquals("XYChart 'squares' 320x200", Renderers.text(chart()));
    }

    @Test
    void aShortTableIsShownWhole() {
        String html = Renderers.html(numbers(3));

        assertTrue(html.contains("<caption style=\"text-align:left\">numbers: 3 rows × 2 columns</caption>"), html);
        assertTrue(html.contains("<th title=\"INTEGER\">n</th><th title=\"DOUBLE\">square</th>"), html);
        assertTrue(html.contains("<tr><th>2</th><td>2</td><td>4</td></tr>"), html);
        assertFalse(html.contains("…"), html);
        assertEquals(3, count(html, "</th><td>"));
    }

    @Test
    void aLongTableShowsItsHeadAndTailAroundAnEllipsis() {
        String html = Renderers.html(numbers(1234));

        assertTrue(html.contains("numbers: 1,234 rows × 2 columns"), html);
        assertEquals(Renderers.TABLE_HEAD_ROWS + Renderers.TABLE_HEAD_ROWS / 2, count(html, "</th><td>"));
        assertTrue(html.contains("<tr><th>9</th>"), html);
        assertFalse(html.contains("<tr><th>10</th>"), html);
        assertTrue(html.contains("<tr><td>…</td><td>…</td><td>…</td></tr>"), html);
        assertTrue(html.contains("<tr><th>1229</th>"), html);
        assertTrue(html.contains("<tr><th>1233</th>"), html);
        assertTrue(html.indexOf("<tr><th>9</th>") < html.indexOf("…"), html);
        assertTrue(html.indexOf("…") < html.indexOf("<tr><th>1229</th>"), html);
    }

    @Test
    void aTableJustLongerThanItsHeadIsShownWhole() {
        String html = Renderers.html(numbers(Renderers.TABLE_HEAD_ROWS + 3));

        assertEquals(Renderers.TABLE_HEAD_ROWS + 3, count(html, "</th><td>"));
        assertFalse(html.contains("…"), html);
    }

    @Test
    void oneRowAndOneColumnAreSingular() {
        Table one = Table.create("one", IntColumn.create("n", 1));

        assertTrue(Renderers.html(one).contains("one: 1 row × 1 column</caption>"), Renderers.html(one));
    }

    @Test
    void cellsAndNamesAreEscaped() {
        Table table = Table.create("a<b>", StringColumn.create("<th>", "<b>&", "plain"));

        String html = Renderers.html(table);

        assertTrue(html.contains("<td>&lt;b&gt;&amp;</td>"), html);
        assertTrue(html.contains(">&lt;th&gt;</th>"), html);
        assertTrue(html.contains("a&lt;b&gt;: 2 rows"), html);
        assertFalse(html.contains("<b>"), html);
    }

    @Test
    void aLongTableAsTextShowsItsHeadAndHowManyMore() {
        String text = Renderers.text(numbers(25));

        assertTrue(text.contains("numbers"), text);
        assertTrue(text.contains("square"), text);
        assertTrue(text.contains("81"), text);
        assertFalse(text.contains("100"), text);
        assertTrue(text.endsWith("... 15 more rows"), text);
    }

    @Test
    void aShortTableAsTextIsTablesawsPrint() {
        Table table = numbers(3);

        assertEquals(table.print(), Renderers.text(table));
    }

    @Test
    void shapesAreWrittenAsLists() {
        assertEquals("[60000, 784]", Renderers.shape(new long[]{60000, 784}));
        assertEquals("[3]", Renderers.shape(new long[]{3}));
        assertEquals("[]", Renderers.shape(new long[0]));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
