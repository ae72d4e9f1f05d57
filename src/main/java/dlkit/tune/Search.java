package dlkit.tune;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import dlkit.track.Run;
import dlkit.track.RunStatus;
import dlkit.track.Tracker;
import dlkit.train.EpochResult;
import dlkit.train.History;
import dlkit.train.Metric;
import dlkit.train.StopReason;

/**
 * A hyperparameter search: which trials to run ({@link #grid}, {@link #random}, or {@link #bayesian}, which
 * chooses each trial from the scores of those before it), then running them against a validation score
 * ({@link #run}, {@link #maximize}, {@link #minimize}).
 *
 * <pre>{@code
 * SearchResults results = Search.grid(space).run(Metric.VAL_ACCURACY, trial -> {
 *     MultiLayerNetwork net = build(trial);                     // DL4J's builders, reading trial.getDouble(...)
 *     return Learner.fit(net, train, FitOptions.epochs(10).validation(val).metrics(Metric.VAL_ACCURACY).quiet());
 * });
 * }</pre>
 *
 * <p>Each trial prints one line as it finishes (turn that off with {@link #quiet()}). A trial whose
 * training diverges (the loss became NaN) or whose score is not a number is recorded as failed, and the
 * search goes on; a trial that throws ends the search with a {@link TrialException} naming the trial.
 * The notebook's stop button ends the search after the running trial, with the results so far.
 *
 * <p>Score on a validation set, never on the test set: the search picks whatever scores best on the data
 * it is shown, so that data's score flatters the winner. The test set is for the one final measurement.
 */
public final class Search {

    private final String method;
    /** The trials known before the search runs: all of them, or the random start of a Bayesian search. */
    private final List<Trial> trials;
    private final int count;
    /** Chooses the trials after the random start; null for grid and random search. */
    private final Tpe tpe;
    private final List<String> parameters;
    private final PrintStream out;
    /** Where each trial is recorded as a run, or null. */
    private final Tracker tracker;
    private final String experiment;

    private Search(String method, List<Trial> trials, int count, Tpe tpe, List<String> parameters, PrintStream out) {
        this(method, trials, count, tpe, parameters, out, null, null);
    }

    private Search(String method, List<Trial> trials, int count, Tpe tpe, List<String> parameters, PrintStream out,
                   Tracker tracker, String experiment) {
        this.tracker = tracker;
        this.experiment = experiment;
        this.method = method;
        this.trials = trials;
        this.count = count;
        this.tpe = tpe;
        this.parameters = parameters;
        this.out = out;
    }

    /**
     * Every combination of the space's values: {@code values("a", 1, 2).values("b", 3, 4, 5)} gives 6 trials.
     *
     * @throws IllegalArgumentException when the space is empty or has a range (ranges need random search)
     */
    public static Search grid(SearchSpace space) {
        requireParameters(space);
        List<Trial> all = space.grid();
        return new Search("grid", all, all.size(), null, space.names(), System.out);
    }

    /**
     * {@code trials} combinations drawn at random from the space, with a seed: the same seed gives the same
     * trials. Lists are drawn from uniformly, ranges as {@link SearchSpace} describes; when every parameter
     * is a list, no combination is drawn twice.
     *
     * @throws IllegalArgumentException when the space is empty, {@code trials <= 0}, or a space of lists has
     *                                  fewer combinations than {@code trials}
     */
    public static Search random(SearchSpace space, int trials, long seed) {
        requireBudget(space, trials, "random");
        return new Search("random", space.sample(trials, seed), trials, null, space.names(), System.out);
    }

    /**
     * Bayesian optimisation with a tree-structured Parzen estimator: {@code trials} trials, the first few
     * (a third, between 2 and 10) drawn at random, each later one chosen where the best quarter of the trials
     * so far lies and the rest does not (see {@code Tpe}). At the same budget it usually finds better settings
     * than random search when a few parameters matter much; with a handful of trials it is random search.
     * The same seed and the same scores give the same trials. In a space of lists, no combination is tried twice.
     *
     * @throws IllegalArgumentException as {@link #random} does
     */
    public static Search bayesian(SearchSpace space, int trials, long seed) {
        requireBudget(space, trials, "bayesian");
        int start = Math.min(trials, Math.max(2, Math.min(10, trials / 3)));
        return new Search("bayesian", space.sample(start, seed), trials, new Tpe(space, seed ^ 0x5DEECE66DL),
                space.names(), System.out);
    }

    private static void requireBudget(SearchSpace space, int trials, String method) {
        requireParameters(space);
        if (trials <= 0) {
            throw new IllegalArgumentException("A " + method + " search needs at least 1 trial, not " + trials
                    + "; e.g. Search." + method + "(space, 10, SEED)");
        }
        if (space.isGrid() && space.gridSize() < trials) {
            throw new IllegalArgumentException("The space has only " + space.gridSize() + " combinations, fewer than the "
                    + trials + " trials asked for; ask for at most " + space.gridSize() + ", or use Search.grid(space) to try them all");
        }
    }

    /** The same search without the line printed per trial. */
    public Search quiet() {
        return new Search(method, trials, count, tpe, parameters, null, tracker, experiment);
    }

    /**
     * The same search recording each trial as a run of {@code experiment} with {@code tracker}: the trial's
     * parameters, its metrics epoch by epoch (when it returns a {@code History}), its score, and whether it failed.
     */
    public Search track(Tracker tracker, String experiment) {
        Objects.requireNonNull(tracker, "track(null, ...): pass a tracker, e.g. Tracker.standard()");
        return new Search(method, trials, count, tpe, parameters, out, tracker, Run.checkName(experiment));
    }

    /** The same search printing its progress to {@code out} (tests, logs). */
    Search output(PrintStream out) {
        return new Search(method, trials, count, tpe, parameters, out, tracker, experiment);
    }

    /**
     * The trials this search will run, in order; of a Bayesian search only its random start, since the
     * later trials are chosen from the scores as it runs.
     */
    public List<Trial> trials() {
        return trials;
    }

    /**
     * Runs every trial: {@code train} builds and trains a network with the trial's parameters and returns
     * its {@link History}; the trial's score is the best value of {@code metric} over its epochs (the
     * highest accuracy or the lowest loss, with the epoch it was reached). Pass a validation set to the
     * training ({@code FitOptions.validation(...)}) and score on a validation metric.
     *
     * <p>A trial whose training diverged is recorded as failed.
     */
    public SearchResults run(Metric metric, Function<Trial, History> train) {
        Objects.requireNonNull(metric, "run(null, ...): pass the metric that scores a trial, e.g. Metric.VAL_ACCURACY");
        Objects.requireNonNull(train, "run(metric, null): pass a function that trains a network for a trial and returns its History");
        if (metric == Metric.LEARNING_RATE) {
            throw new IllegalArgumentException("A search cannot score trials by the learning rate; score them by "
                    + "Metric.VAL_ACCURACY or Metric.VAL_LOSS");
        }
        return execute(metric.label(), metric.higherIsBetter(), trial -> {
            History history = train.apply(trial);
            if (history == null) {
                throw new IllegalArgumentException("the function returned null instead of the History of Learner.fit");
            }
            if (history.epochCount() == 0) {
                return new Outcome(Double.NaN, 0, history, "no epoch ran (" + history.message() + ")");
            }
            if (history.stop() == StopReason.DIVERGED) {
                return new Outcome(Double.NaN, 0, history, "diverged: " + firstClause(history.message()));
            }
            double score = history.best(metric);
            return new Outcome(score, history.bestEpochOf(metric), history,
                    Double.isFinite(score) ? null : metric.label() + " is " + score);
        });
    }

    /**
     * Runs every trial and keeps the one with the highest score, e.g. a validation accuracy computed by
     * {@code score}. A score that is NaN or infinite marks the trial failed.
     */
    public SearchResults maximize(ToDoubleFunction<Trial> score) {
        return scored("score", true, score);
    }

    /** Runs every trial and keeps the one with the lowest score, e.g. a validation loss or error. */
    public SearchResults minimize(ToDoubleFunction<Trial> score) {
        return scored("score", false, score);
    }

    private SearchResults scored(String name, boolean higherIsBetter, ToDoubleFunction<Trial> score) {
        Objects.requireNonNull(score, "pass a function that trains a network for a trial and returns its validation score");
        return execute(name, higherIsBetter, trial -> {
            double value = score.applyAsDouble(trial);
            return new Outcome(value, 0, null, Double.isFinite(value) ? null : "the score is " + value);
        });
    }

    private record Outcome(double score, int epoch, History history, String failure) {
    }

    private SearchResults execute(String scoreName, boolean higherIsBetter, Function<Trial, Outcome> attempt) {
        if (out != null) {
            out.println(String.format(Locale.ROOT, "%s search: %d trial%s over %s, scored by %s (%s is better)",
                    SearchResults.capitalised(method), count, count == 1 ? "" : "s",
                    String.join(", ", parameters), scoreName, higherIsBetter ? "higher" : "lower"));
        }
        List<TrialResult> done = new ArrayList<>();
        String message = "all " + count + " trials ran";
        double best = Double.NaN;
        for (int i = 0; i < count; i++) {
            Trial trial = i < trials.size() ? trials.get(i) : new Trial(i + 1, tpe.suggest(done, higherIsBetter));
            long start = System.nanoTime();
            Run run = tracker == null ? null : startRun(trial);
            Outcome outcome;
            try {
                outcome = attempt.apply(trial);
            } catch (RuntimeException e) {
                if (run != null) {
                    tracker.ended(run.end(RunStatus.FAILED, null), null);
                }
                throw new TrialException("Trial " + trial.number() + " of " + count + " (" + trial + ") threw " + e
                        + "; fix the trial's code, or remove the values that break it from the space", e);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            TrialResult result = new TrialResult(trial, outcome.failure() == null ? outcome.score() : Double.NaN,
                    outcome.epoch(), seconds, outcome.history(), outcome.failure());
            done.add(result);
            if (run != null) {
                endRun(run, result, scoreName);
            }
            boolean newBest = !result.failed() && (Double.isNaN(best)
                    || (higherIsBetter ? result.score() > best : result.score() < best));
            if (newBest) {
                best = result.score();
            }
            if (out != null) {
                out.println(progressLine(result, scoreName, newBest));
            }
            if (Thread.currentThread().isInterrupted()) {
                message = "interrupted after " + done.size() + " of " + count + " trials";
                break;
            }
        }
        return new SearchResults(method, parameters, scoreName, higherIsBetter, done, message);
    }

    private Run startRun(Trial trial) {
        Run run = Run.start(experiment, "trial " + trial.number());
        run.param("search", method);
        trial.params().forEach(run::param);
        tracker.started(run);
        return run;
    }

    private void endRun(Run run, TrialResult result, String scoreName) {
        if (result.history() != null) {
            for (EpochResult epoch : result.history().epochs()) {
                run.log(epoch.epoch(), epoch.byLabel());
                tracker.logged(run, epoch.epoch(), epoch.byLabel());
            }
        }
        if (!result.failed()) {
            // A search by a metric scores a trial by its best value: "best_val_accuracy", beside the epochs' values.
            Map<String, Double> score = Map.of("score".equals(scoreName) ? scoreName : "best_" + scoreName, result.score());
            int step = Math.max(result.epoch(), 1);
            run.log(step, score);
            tracker.logged(run, step, score);
        } else {
            run.tag("failure", result.failure());
        }
        tracker.ended(run.end(result.failed() ? RunStatus.FAILED : RunStatus.FINISHED, null), null);
    }

    private String progressLine(TrialResult r, String scoreName, boolean newBest) {
        int width = String.valueOf(count).length();
        String outcome = r.failed() ? "failed: " + r.failure()
                : String.format(Locale.ROOT, "%s %.4f%s", scoreName, r.score(), r.epoch() > 0 ? " (epoch " + r.epoch() + ")" : "");
        return String.format(Locale.ROOT, "trial %" + width + "d/%d  %s  ->  %s  %.1f s%s", r.number(), count,
                r.trial(), outcome, r.seconds(), newBest ? "  * best so far" : "");
    }

    private static String firstClause(String message) {
        int cut = message.indexOf(':');
        return cut > 0 ? message.substring(0, cut) : message;
    }

    private static void requireParameters(SearchSpace space) {
        Objects.requireNonNull(space, "The search space is null; build one with SearchSpace.of().values(...)");
        if (space.isEmpty()) {
            throw new IllegalArgumentException("The search space is empty; add the parameters to try, e.g. "
                    + "SearchSpace.of().values(\"learningRate\", 1e-3, 1e-2).values(\"units\", 32, 64)");
        }
    }
}
