package dlkit.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dlkit.notebook.Html;
import dlkit.train.History;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The trials of a {@link Search}, best first (failed trials last), with their parameters, scores and
 * times. Shows itself as a table in a notebook; {@link #table()} gives a Tablesaw table to sort and filter,
 * and {@code Plots.searchResults} draws the scores.
 *
 * @param method         "grid", "random" or "bayesian"
 * @param parameters     the parameters' names, in the space's order
 * @param scoreName      what the score is, e.g. {@code val_accuracy}
 * @param higherIsBetter whether a higher score is better (accuracy) or a lower one (loss)
 * @param trials         every trial that ran, best first, failed ones last
 * @param message        how the search ended, e.g. "all 12 trials ran"
 */
public record SearchResults(String method, List<String> parameters, String scoreName, boolean higherIsBetter,
                            List<TrialResult> trials, String message) implements Html {

    public SearchResults {
        parameters = List.copyOf(parameters);
        List<TrialResult> sorted = new ArrayList<>(trials);
        boolean higher = higherIsBetter;
        // Scored trials first, best score first, ties in the order they ran; failed trials last.
        sorted.sort(Comparator.comparing(TrialResult::failed)
                .thenComparing((a, b) -> a.failed() || b.failed() ? 0
                        : higher ? Double.compare(b.score(), a.score()) : Double.compare(a.score(), b.score()))
                .thenComparingInt(TrialResult::number));
        trials = List.copyOf(sorted);
    }

    /**
     * The best trial: highest score, or lowest for a loss; on ties the one that ran first.
     *
     * @throws IllegalStateException when every trial failed (or none ran)
     */
    public TrialResult best() {
        List<TrialResult> ok = succeeded();
        if (ok.isEmpty()) {
            throw new IllegalStateException("No trial succeeded" + (trials.isEmpty() ? " (none ran)" : ": "
                    + trials.get(0).failure()) + "; look at the failures in the table, e.g. lower the learning rates");
        }
        return ok.get(0);
    }

    /** The worst trial that did not fail. */
    public TrialResult worst() {
        best();
        List<TrialResult> ok = succeeded();
        return ok.get(ok.size() - 1);
    }

    /** The trials that gave a score, best first. */
    public List<TrialResult> succeeded() {
        return trials.stream().filter(t -> !t.failed()).toList();
    }

    /** The trials that failed, in the order they ran. */
    public List<TrialResult> failed() {
        return trials.stream().filter(TrialResult::failed).toList();
    }

    /** The trials in the order they ran. */
    public List<TrialResult> inOrderRun() {
        return trials.stream().sorted(Comparator.comparingInt(TrialResult::number)).toList();
    }

    /**
     * The best score after each trial, in the order the trials ran (NaN until one succeeds): the curve a
     * search climbs, to compare searches by.
     */
    public double[] bestSoFar() {
        List<TrialResult> inOrder = inOrderRun();
        double[] out = new double[inOrder.size()];
        double best = Double.NaN;
        for (int i = 0; i < out.length; i++) {
            TrialResult t = inOrder.get(i);
            if (!t.failed()) {
                best = Double.isNaN(best) ? t.score() : higherIsBetter ? Math.max(best, t.score()) : Math.min(best, t.score());
            }
            out[i] = best;
        }
        return out;
    }

    /** The number of trials that ran. */
    public int size() {
        return trials.size();
    }

    /** Seconds spent in all trials together. */
    public double seconds() {
        return trials.stream().mapToDouble(TrialResult::seconds).sum();
    }

    /**
     * The training histories of the {@code k} best trials that have one, named by their parameters, best
     * first: ready for {@code Plots.compareRuns(title, results.histories(3), Metric.VAL_LOSS)}.
     */
    public Map<String, History> histories(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("histories(" + k + "): ask for at least one trial");
        }
        Map<String, History> runs = new LinkedHashMap<>();
        for (TrialResult t : succeeded()) {
            if (t.history() != null && runs.size() < k) {
                runs.put("#" + t.number() + " " + t.trial(), t.history());
            }
        }
        return runs;
    }

    /**
     * The results as a Tablesaw table, one row per trial, best first: rank, trial, one column per
     * parameter, the score, the best epoch (for trained trials), seconds, and why a trial failed.
     */
    public Table table() {
        Table table = Table.create(method + " search");
        table.addColumns(IntColumn.create("rank"), IntColumn.create("trial"));
        for (String p : parameters) {
            table.addColumns(column(p));
        }
        boolean epochs = trials.stream().anyMatch(t -> t.epoch() > 0);
        table.addColumns(DoubleColumn.create(scoreName));
        if (epochs) {
            table.addColumns(IntColumn.create("best epoch"));
        }
        table.addColumns(DoubleColumn.create("seconds"), StringColumn.create("failure"));
        int rank = 0;
        for (TrialResult t : trials) {
            table.intColumn("rank").append(t.failed() ? 0 : ++rank);
            table.intColumn("trial").append(t.number());
            for (String p : parameters) {
                Object v = t.trial().params().get(p);
                if (v instanceof Integer i) {
                    table.intColumn(p).append(i);
                } else if (v instanceof Double d) {
                    table.doubleColumn(p).append(d);
                } else {
                    table.stringColumn(p).append(String.valueOf(v));
                }
            }
            if (t.failed()) {
                table.doubleColumn(scoreName).appendMissing();
            } else {
                table.doubleColumn(scoreName).append(t.score());
            }
            if (epochs) {
                table.intColumn("best epoch").append(t.epoch());
            }
            table.doubleColumn("seconds").append(Math.round(t.seconds() * 10) / 10.0);
            table.stringColumn("failure").append(t.failed() ? t.failure() : "");
        }
        return table;
    }

    private tech.tablesaw.columns.Column<?> column(String parameter) {
        Object first = trials.isEmpty() ? null : trials.get(0).trial().params().get(parameter);
        if (first instanceof Integer) {
            return IntColumn.create(parameter);
        }
        return first instanceof Double ? DoubleColumn.create(parameter) : StringColumn.create(parameter);
    }

    /** One line: how many trials, the best score and its parameters. */
    public String summary() {
        String head = String.format(Locale.ROOT, "%s search, %d trial%s in %.1f s (%s)", capitalised(method), trials.size(),
                trials.size() == 1 ? "" : "s", seconds(), message);
        if (succeeded().isEmpty()) {
            return head + "; no trial succeeded";
        }
        TrialResult best = best();
        String failedNote = failed().isEmpty() ? "" : "; " + failed().size() + " failed";
        return head + String.format(Locale.ROOT, "; best %s %.4f: %s", scoreName, best.score(), best.trial()) + failedNote;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%4s %5s", "rank", "trial"));
        for (String p : parameters) {
            s.append(String.format(Locale.ROOT, " %12s", p));
        }
        s.append(String.format(Locale.ROOT, " %12s %8s%n", scoreName, "seconds"));
        int rank = 0;
        for (TrialResult t : trials) {
            s.append(String.format(Locale.ROOT, "%4s %5d", t.failed() ? "-" : String.valueOf(++rank), t.number()));
            for (String p : parameters) {
                s.append(String.format(Locale.ROOT, " %12s", Param.format(t.trial().params().get(p))));
            }
            s.append(t.failed() ? String.format(Locale.ROOT, " %12s", "failed")
                    : String.format(Locale.ROOT, " %12.4f", t.score()));
            s.append(String.format(Locale.ROOT, " %8.1f%n", t.seconds()));
        }
        return s.append(summary()).toString();
    }

    @Override
    public String toHtml() {
        boolean epochs = trials.stream().anyMatch(t -> t.epoch() > 0);
        StringBuilder html = new StringBuilder("<table class=\"dlkit-search\"><thead><tr><th>rank</th><th>trial</th>");
        for (String p : parameters) {
            html.append("<th>").append(Html.escape(p)).append("</th>");
        }
        html.append("<th>").append(Html.escape(scoreName)).append(higherIsBetter ? " ↑" : " ↓").append("</th>");
        if (epochs) {
            html.append("<th>best epoch</th>");
        }
        html.append("<th>seconds</th></tr></thead><tbody>");
        int rank = 0;
        for (TrialResult t : trials) {
            boolean best = !t.failed() && rank == 0;
            html.append(best ? "<tr style=\"font-weight:bold\">" : "<tr>")
                    .append("<td>").append(t.failed() ? "–" : String.valueOf(++rank)).append("</td>")
                    .append("<td>").append(t.number()).append("</td>");
            for (String p : parameters) {
                html.append("<td>").append(Html.escape(Param.format(t.trial().params().get(p)))).append("</td>");
            }
            if (t.failed()) {
                html.append("<td title=\"").append(Html.escape(t.failure())).append("\">failed: ")
                        .append(Html.escape(shorten(t.failure()))).append("</td>");
            } else {
                html.append(String.format(Locale.ROOT, "<td>%.4f</td>", t.score()));
            }
            if (epochs) {
                html.append("<td>").append(t.epoch() > 0 ? String.valueOf(t.epoch()) : "").append("</td>");
            }
            html.append(String.format(Locale.ROOT, "<td>%.1f</td></tr>", t.seconds()));
        }
        return html.append("</tbody></table><p>").append(Html.escape(summary())).append("</p>").toString();
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** "Grid search", "Random search" or "Bayesian search". */
    public String title() {
        return capitalised(method) + " search";
    }

    static String capitalised(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
