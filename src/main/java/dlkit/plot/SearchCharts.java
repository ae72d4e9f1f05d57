package dlkit.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dlkit.tune.SearchResults;
import dlkit.tune.TrialResult;

/** The charts of a hyperparameter search, reached through {@link Plots}. */
final class SearchCharts {

    private static final Color BEST = new Color(0xD55E00);

    private SearchCharts() {
    }

    static XYChart scoreAgainst(SearchResults results, String parameter, String groupBy) {
        requireParameter(results, parameter);
        if (groupBy != null) {
            requireParameter(results, groupBy);
            if (groupBy.equals(parameter)) {
                throw new IllegalArgumentException("searchResults: group by a parameter other than the x axis's '"
                        + parameter + "', e.g. one of " + others(results, parameter));
            }
        }
        List<TrialResult> trials = scored(results);
        for (TrialResult t : trials) {
            if (!(t.trial().get(parameter) instanceof Number)) {
                throw new IllegalArgumentException("searchResults: '" + parameter + "' holds words (" + t.trial().get(parameter)
                        + "), which have no place on a number axis; put a number parameter on the x axis and group by '"
                        + parameter + "': Plots.searchResults(results, " + quoted(others(results, parameter)) + ", \"" + parameter + "\")");
            }
        }
        double[] xs = trials.stream().mapToDouble(t -> x(t, parameter)).toArray();
        double min = java.util.Arrays.stream(xs).min().orElse(1);
        double max = java.util.Arrays.stream(xs).max().orElse(1);
        boolean log = min > 0 && max / min >= 20;

        XYChart chart = Plots.xyChart(title(results) + ": " + results.scoreName() + " against " + parameter,
                parameter + (log ? " (log scale)" : ""), results.scoreName());
        chart.getStyler().setXAxisLogarithmic(log);
        if (log || max < 0.1) {
            chart.getStyler().setXAxisDecimalPattern("0.######");    // 0.0001, not 0
        }
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);

        Map<Object, List<TrialResult>> groups = new TreeMap<>(SearchCharts::compareValues);
        for (TrialResult t : trials) {
            groups.computeIfAbsent(groupBy == null ? "" : t.trial().get(groupBy), k -> new ArrayList<>()).add(t);
        }
        int index = 0;
        for (Map.Entry<Object, List<TrialResult>> group : groups.entrySet()) {
            List<TrialResult> members = new ArrayList<>(group.getValue());
            members.sort(Comparator.comparingDouble(t -> x(t, parameter)));
            boolean joined = results.method().equals("grid") && groupBy != null
                    && members.stream().map(t -> x(t, parameter)).distinct().count() == members.size();
            String name = groupBy == null ? "trials" : groupBy + " = " + format(group.getKey());
            XYSeries s = chart.addSeries(name, members.stream().mapToDouble(t -> x(t, parameter)).toArray(),
                    members.stream().mapToDouble(TrialResult::score).toArray());
            s.setXYSeriesRenderStyle(joined ? XYSeries.XYSeriesRenderStyle.Line : XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            Color c = Plots.PALETTE[index % Plots.PALETTE.length];
            s.setMarkerColor(c);
            s.setLineColor(c);
            s.setLineStyle(index++ % 2 == 0 ? Plots.SOLID : Plots.DASHED);
        }
        TrialResult best = results.best();
        XYSeries b = chart.addSeries("best: trial " + best.number(), new double[]{x(best, parameter)}, new double[]{best.score()});
        b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        b.setMarker(SeriesMarkers.DIAMOND);
        b.setMarkerColor(BEST);
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    static XYChart progress(SearchResults results) {
        List<TrialResult> inOrder = results.inOrderRun();
        List<TrialResult> ok = inOrder.stream().filter(t -> !t.failed()).toList();
        if (ok.isEmpty()) {
            throw new IllegalArgumentException("searchProgress: no trial succeeded, so there is no score to draw; "
                    + "see why in the results table");
        }
        XYChart chart = Plots.xyChart(title(results) + ": " + results.scoreName() + " trial by trial", "trial",
                results.scoreName());
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setLegendPosition(results.higherIsBetter() ? Styler.LegendPosition.InsideSE : Styler.LegendPosition.InsideNE);
        XYSeries each = chart.addSeries("trial's score", ok.stream().mapToDouble(TrialResult::number).toArray(),
                ok.stream().mapToDouble(TrialResult::score).toArray());
        each.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        each.setMarker(SeriesMarkers.CIRCLE);
        XYSeries line = bestSoFar(chart, "best so far", results);
        line.setLineColor(BEST);
        line.setLineStyle(Plots.SOLID);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    static XYChart compare(String title, Map<String, SearchResults> searches) {
        if (searches == null || searches.isEmpty()) {
            throw new IllegalArgumentException("compareSearches('" + title + "') needs at least one search, e.g. "
                    + "Map.of(\"random\", randomResults, \"Bayesian\", bayesianResults)");
        }
        String score = searches.values().iterator().next().scoreName();
        XYChart chart = Plots.xyChart(title, "trial", "best " + score + " so far");
        int index = 0;
        for (Map.Entry<String, SearchResults> search : Plots.ordered(searches).entrySet()) {
            if (!search.getValue().scoreName().equals(score)) {
                throw new IllegalArgumentException("compareSearches: '" + search.getKey() + "' is scored by "
                        + search.getValue().scoreName() + ", the first search by " + score + "; compare searches scored alike");
            }
            if (search.getValue().succeeded().isEmpty()) {
                throw new IllegalArgumentException("compareSearches: no trial of '" + search.getKey() + "' succeeded");
            }
            bestSoFar(chart, search.getKey(), search.getValue()).setLineStyle(index++ % 2 == 0 ? Plots.SOLID : Plots.DASHED);
        }
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    /** The best score so far as steps, from the first trial that succeeded. */
    private static XYSeries bestSoFar(XYChart chart, String name, SearchResults results) {
        double[] best = results.bestSoFar();
        List<TrialResult> inOrder = results.inOrderRun();
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < best.length; i++) {
            if (!Double.isNaN(best[i])) {
                points.add(new double[]{inOrder.get(i).number(), best[i]});
            }
        }
        XYSeries line = chart.addSeries(name, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        line.setMarker(SeriesMarkers.NONE);
        return line;
    }

    private static List<TrialResult> scored(SearchResults results) {
        List<TrialResult> ok = results.succeeded();
        if (ok.isEmpty()) {
            throw new IllegalArgumentException("searchResults: no trial succeeded, so there is no score to draw; "
                    + "see why in the results table");
        }
        return ok;
    }

    private static String title(SearchResults results) {
        return results.title();
    }

    private static double x(TrialResult t, String parameter) {
        return ((Number) t.trial().get(parameter)).doubleValue();
    }

    private static void requireParameter(SearchResults results, String parameter) {
        if (!results.parameters().contains(parameter)) {
            throw new IllegalArgumentException("searchResults: the search has no parameter '" + parameter
                    + "'; its parameters are " + results.parameters());
        }
    }

    private static List<String> others(SearchResults results, String parameter) {
        return results.parameters().stream().filter(p -> !p.equals(parameter)).toList();
    }

    private static String quoted(List<String> names) {
        return names.isEmpty() ? "\"...\"" : "\"" + names.get(0) + "\"";
    }

    private static int compareValues(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
