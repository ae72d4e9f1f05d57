package dlkit.notebook;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The last touches before a chart is drawn ({@link Renderers} calls {@link #tidy} for every PNG):
 * <ul>
 *   <li>the legend goes where the data is not: of the plot's inside positions (the chart's own, then the
 *       four corners, then top and bottom centre) the first that covers no line, point or bar, or else below
 *       the plot;</li>
 *   <li>an x axis of many equally spaced values (epochs, steps, a grid of probabilities) gets round ticks
 *       (10, 20, 30 rather than 1, 4, 7 or 1, 45, 89, which XChart takes from the data itself when the values
 *       are equally spaced);</li>
 *   <li>a y axis gets as many decimals as its ticks need, written in full (0.05, not .05).</li>
 * </ul>
 * A chart whose legend was put outside the plot keeps it there. Tidying twice changes nothing more.
 */
public final class ChartLayout {

    /** The name of the invisible point that keeps XChart from taking ticks from the data. */
    static final String TICK_GUIDE = "\u2060ticks";

    /** Equally spaced x values up to this many are each a tick already (epochs 1, 2, ..., 12). */
    static final int EVERY_VALUE_A_TICK = 12;

    /** The plot's margins inside the chart, in pixels: axis titles and tick labels, the chart title. */
    private static final int LEFT = 80, RIGHT = 15, TOP = 40, BOTTOM = 55;
    /** Gap between the legend and the plot's edge, and around the legend counted as covered. */
    private static final int INSET = 10, CLEARANCE = 6;

    private static final List<LegendPosition> INSIDE = List.of(LegendPosition.InsideNE, LegendPosition.InsideNW,
            LegendPosition.InsideSE, LegendPosition.InsideSW, LegendPosition.InsideN, LegendPosition.InsideS);

    private ChartLayout() {
    }

    /** Round ticks and a legend clear of the data; see the class description. */
    public static void tidy(Chart<?, ?> chart) {
        if (chart instanceof XYChart xy) {
            roundTicks(xy);
            yDecimals(xy.getStyler(), xy.getSeriesMap().values().stream().map(XYSeries::getYData).toList());
            placeLegend(chart, xy.getStyler().isLegendVisible() ? ink(xy) : null);
        } else if (chart instanceof CategoryChart bars) {
            List<double[]> values = new ArrayList<>();
            for (CategorySeries series : bars.getSeriesMap().values()) {
                values.add(series.getYData().stream().mapToDouble(v -> v == null ? Double.NaN : v.doubleValue()).toArray());
            }
            values.add(new double[]{0});
            yDecimals(bars.getStyler(), values);
            placeLegend(chart, bars.getStyler().isLegendVisible() ? ink(bars) : null);
        }
    }

    // --- ticks -------------------------------------------------------------------------------------

    private static void roundTicks(XYChart chart) {
        if (chart.getSeriesMap().containsKey(TICK_GUIDE) || chart.getStyler().isXAxisLogarithmic()) {
            return;
        }
        XYSeries first = null;
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double x : series.getXData()) {
                xs.add(x);
            }
            if (first == null && series.getYData().length > 0) {
                first = series;
            }
        }
        if (first == null || xs.size() <= EVERY_VALUE_A_TICK || !equallySpaced(xs)) {
            return;
        }
        // One point between two values breaks the equal spacing, and XChart then picks round steps.
        double step = xs.higher(xs.first()) - xs.first();
        XYSeries guide = chart.addSeries(TICK_GUIDE, new double[]{xs.first() + step / 2},
                new double[]{first.getYData()[0]});
        guide.setMarker(SeriesMarkers.NONE);
        guide.setLineStyle(SeriesLines.NONE);
        guide.setShowInLegend(false);
    }

    /** Whether the values step by the same amount (to a millionth of the step), as XChart judges them. */
    static boolean equallySpaced(java.util.SortedSet<Double> xs) {
        Double previous = null;
        double step = Double.NaN;
        for (double x : xs) {
            if (previous != null) {
                double d = x - previous;
                if (Double.isNaN(step)) {
                    step = d;
                } else if (Math.abs(d - step) > 1e-6 * step) {
                    return false;
                }
            }
            previous = x;
        }
        return true;
    }

    /**
     * A y axis without a decimal pattern of its own gets one with as many decimals as its ticks need and
     * no more, written in full ({@code 0.05}, where XChart writes {@code .05}).
     */
    private static void yDecimals(AxesChartStyler styler, Collection<double[]> values) {
        if (styler.getYAxisDecimalPattern() != null || styler.isYAxisLogarithmic()) {
            return;
        }
        Axis y = Axis.of(values, styler.getYAxisMin(), styler.getYAxisMax(), false);
        double range = y.max() - y.min();
        if (!(range > 0) || !Double.isFinite(range)) {
            return;
        }
        int decimals = (int) Math.max(0, Math.min(8, Math.ceil(-Math.log10(range / 8)) + 1));
        styler.setYAxisDecimalPattern(decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals));
    }

    // --- legend ------------------------------------------------------------------------------------

    /** What a legend can cover: sample points along lines, and bars as rectangles, in the plot's pixels. */
    private record Ink(List<double[]> points, List<Rectangle2D> areas) {
    }

    private static void placeLegend(Chart<?, ?> chart, Ink ink) {
        Styler styler = chart.getStyler();
        if (ink == null || !INSIDE.contains(styler.getLegendPosition())) {
            return;
        }
        Rectangle2D plot = plotArea(chart);
        double[] size = legendSize(chart);
        LegendPosition best = null;
        List<LegendPosition> candidates = new ArrayList<>(INSIDE);
        candidates.remove(styler.getLegendPosition());
        candidates.add(0, styler.getLegendPosition());   // the chart's own choice first
        for (LegendPosition position : candidates) {
            if (covered(legendBox(plot, size, position), ink) == 0) {
                best = position;
                break;
            }
        }
        if (best == null) {
            styler.setLegendPosition(LegendPosition.OutsideS);
            styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        } else {
            styler.setLegendPosition(best);
        }
    }

    static Rectangle2D plotArea(Chart<?, ?> chart) {
        return new Rectangle2D.Double(LEFT, TOP, chart.getWidth() - LEFT - RIGHT, chart.getHeight() - TOP - BOTTOM);
    }

    /** The part of the plot the data spans: XChart leaves a margin of (1 - plot content size) / 2 on each side. */
    static Rectangle2D contentArea(Chart<?, ?> chart) {
        Rectangle2D plot = plotArea(chart);
        double size = chart.getStyler() instanceof AxesChartStyler axes ? axes.getPlotContentSize() : 1;
        double dx = plot.getWidth() * (1 - size) / 2, dy = plot.getHeight() * (1 - size) / 2;
        return new Rectangle2D.Double(plot.getMinX() + dx, plot.getMinY() + dy, plot.getWidth() - 2 * dx,
                plot.getHeight() - 2 * dy);
    }

    /** Width and height of the legend box, from its font and the names it lists. */
    private static double[] legendSize(Chart<?, ?> chart) {
        Styler styler = chart.getStyler();
        Font font = styler.getLegendFont();
        FontRenderContext context = new FontRenderContext(null, true, true);
        double widest = 0;
        double height = 0;
        int entries = 0;
        for (Series series : chart.getSeriesMap().values()) {
            if (!series.isShowInLegend() || !series.isEnabled()) {
                continue;
            }
            Rectangle2D text = font.getStringBounds(series.getName(), context);
            widest = Math.max(widest, text.getWidth());
            height += Math.max(text.getHeight(), 12);
            entries++;
        }
        int padding = styler.getLegendPadding();
        double width = widest + styler.getLegendSeriesLineLength() + 3 * padding;
        return new double[]{width, height + (entries + 1) * padding};
    }

    private static Rectangle2D legendBox(Rectangle2D plot, double[] size, LegendPosition position) {
        double w = size[0] + 2 * CLEARANCE, h = size[1] + 2 * CLEARANCE;
        double left = plot.getMinX() + INSET - CLEARANCE;
        double right = plot.getMaxX() - INSET - size[0] - CLEARANCE;
        double centre = plot.getCenterX() - w / 2;
        double top = plot.getMinY() + INSET - CLEARANCE;
        double bottom = plot.getMaxY() - INSET - size[1] - CLEARANCE;
        return switch (position) {
            case InsideNE -> new Rectangle2D.Double(right, top, w, h);
            case InsideNW -> new Rectangle2D.Double(left, top, w, h);
            case InsideSE -> new Rectangle2D.Double(right, bottom, w, h);
            case InsideSW -> new Rectangle2D.Double(left, bottom, w, h);
            case InsideN -> new Rectangle2D.Double(centre, top, w, h);
            case InsideS -> new Rectangle2D.Double(centre, bottom, w, h);
            default -> throw new IllegalArgumentException("not inside the plot: " + position);
        };
    }

    /** How much of the data the box covers: points inside it plus the area of bars under it. */
    static double covered(Rectangle2D box, Ink ink) {
        double covered = 0;
        for (double[] p : ink.points()) {
            if (box.contains(p[0], p[1])) {
                covered++;
            }
        }
        for (Rectangle2D area : ink.areas()) {
            Rectangle2D overlap = box.createIntersection(area);
            if (overlap.getWidth() > 0 && overlap.getHeight() > 0) {
                covered += overlap.getWidth() * overlap.getHeight();
            }
        }
        return covered;
    }

    private static Ink ink(XYChart chart) {
        AxesChartStyler styler = chart.getStyler();
        List<XYSeries> drawn = new ArrayList<>();
        for (XYSeries series : chart.getSeriesMap().values()) {
            if (series.isEnabled() && !TICK_GUIDE.equals(series.getName())) {
                drawn.add(series);
            }
        }
        Axis x = Axis.of(drawn.stream().map(XYSeries::getXData).toList(), styler.getXAxisMin(), styler.getXAxisMax(),
                styler.isXAxisLogarithmic());
        Axis y = Axis.of(drawn.stream().map(XYSeries::getYData).toList(), styler.getYAxisMin(), styler.getYAxisMax(),
                styler.isYAxisLogarithmic());
        Rectangle2D plot = contentArea(chart);
        List<double[]> points = new ArrayList<>();
        for (XYSeries series : drawn) {
            double[] xs = series.getXData(), ys = series.getYData();
            double[] previous = null;
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                    previous = null;
                    continue;
                }
                double[] p = {plot.getMinX() + x.fraction(xs[i]) * plot.getWidth(),
                        plot.getMaxY() - y.fraction(ys[i]) * plot.getHeight()};
                boolean line = series.getLineStyle() != SeriesLines.NONE;
                if (previous != null && line) {
                    double length = Math.hypot(p[0] - previous[0], p[1] - previous[1]);
                    int steps = (int) Math.ceil(length / 2);
                    for (int s = 1; s < steps; s++) {
                        double t = (double) s / steps;
                        points.add(new double[]{previous[0] + t * (p[0] - previous[0]), previous[1] + t * (p[1] - previous[1])});
                    }
                }
                points.add(p);
                previous = p;
            }
        }
        return new Ink(points, List.of());
    }

    private static Ink ink(CategoryChart chart) {
        CategoryStyler styler = chart.getStyler();
        List<CategorySeries> drawn = chart.getSeriesMap().values().stream().filter(Series::isEnabled).toList();
        if (drawn.isEmpty()) {
            return new Ink(List.of(), List.of());
        }
        int categories = drawn.stream().mapToInt(s -> s.getXData().size()).max().orElse(0);
        List<double[]> values = new ArrayList<>();
        for (CategorySeries series : drawn) {
            values.add(series.getYData().stream().mapToDouble(v -> v == null ? Double.NaN : v.doubleValue()).toArray());
        }
        List<double[]> withZero = new ArrayList<>(values);
        withZero.add(new double[]{0});   // bars grow from zero
        boolean stacked = styler.isStacked();
        if (stacked) {
            double[] sums = new double[categories];
            for (double[] v : values) {
                for (int i = 0; i < v.length; i++) {
                    sums[i] += Double.isFinite(v[i]) ? v[i] : 0;
                }
            }
            withZero.add(sums);
        }
        Axis y = Axis.of(withZero, styler.getYAxisMin(), styler.getYAxisMax(), styler.isYAxisLogarithmic());
        Rectangle2D plot = contentArea(chart);
        double slot = plot.getWidth() / Math.max(1, categories);
        double fill = styler.getAvailableSpaceFill();
        boolean sideBySide = !stacked && !styler.isOverlapped();
        double barWidth = slot * fill / (sideBySide ? drawn.size() : 1);
        double zero = plot.getMaxY() - y.fraction(Math.max(0, y.min)) * plot.getHeight();
        List<Rectangle2D> areas = new ArrayList<>();
        double[] base = new double[categories];
        for (int s = 0; s < values.size(); s++) {
            double[] v = values.get(s);
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    continue;
                }
                double from = stacked ? base[i] : 0;
                double to = from + v[i];
                base[i] = to;
                double left = plot.getMinX() + i * slot + slot * (1 - fill) / 2 + (sideBySide ? s * barWidth : 0);
                double top = plot.getMaxY() - y.fraction(Math.max(from, to)) * plot.getHeight();
                double bottom = stacked || from != 0 ? plot.getMaxY() - y.fraction(Math.min(from, to)) * plot.getHeight() : zero;
                areas.add(new Rectangle2D.Double(left, Math.min(top, bottom), barWidth, Math.abs(bottom - top)));
            }
        }
        return new Ink(List.of(), areas);
    }

    /** An axis's range as XChart draws it: the data's, unless the chart sets its ends. */
    private record Axis(double min, double max, boolean log) {

        static Axis of(Collection<double[]> data, Double min, Double max, boolean log) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double[] values : data) {
                for (double v : values) {
                    if (Double.isFinite(v) && (!log || v > 0)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            return new Axis(min != null ? min : lo, max != null ? max : hi, log);
        }

        /** Where {@code v} lies between the ends, 0 to 1 (outside for values beyond them). */
        double fraction(double v) {
            double a = log ? Math.log10(min) : min, b = log ? Math.log10(max) : max, x = log ? Math.log10(v) : v;
            return b > a ? (x - a) / (b - a) : 0.5;
        }
    }
}
