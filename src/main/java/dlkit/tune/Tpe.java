package dlkit.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The tree-structured Parzen estimator (Bergstra, Bardenet, Bengio and Kégl, 2011), the Bayesian
 * optimisation behind {@link Search#bayesian}. The trials so far are split into the best quarter and
 * the rest; each parameter gets two densities, {@code l} over the good trials' values and {@code g} over
 * the others' (a mixture of normals for a range, smoothed counts for a list); of {@value #CANDIDATES}
 * candidates drawn from {@code l}, the one with the largest {@code l / g} is tried next: where good
 * trials were, and bad ones were not.
 */
final class Tpe {

    /** The share of the trials that counts as good. */
    static final double GOOD_SHARE = 0.25;
    /** Candidates drawn per suggestion. */
    static final int CANDIDATES = 24;

    private final SearchSpace space;
    private final SplittableRandom random;

    Tpe(SearchSpace space, long seed) {
        this.space = space;
        this.random = new SplittableRandom(seed);
    }

    /**
     * The values to try next, given the trials so far and their scores (NaN for a failed trial, which
     * counts among the bad ones). In a space of lists only, an untried combination.
     */
    Map<String, Object> suggest(List<TrialResult> done, boolean higherIsBetter) {
        List<TrialResult> ranked = new ArrayList<>(done);
        Comparator<TrialResult> byScore = Comparator.comparingDouble(r -> higherIsBetter ? -r.score() : r.score());
        ranked.sort(Comparator.comparing(TrialResult::failed).thenComparing(byScore));
        int good = Math.max(1, (int) Math.ceil(GOOD_SHARE * ranked.stream().filter(r -> !r.failed()).count()));
        List<Map<String, Object>> goodValues = ranked.subList(0, Math.min(good, ranked.size())).stream()
                .map(r -> r.trial().params()).toList();
        List<Map<String, Object>> badValues = ranked.subList(Math.min(good, ranked.size()), ranked.size()).stream()
                .map(r -> r.trial().params()).toList();
        Set<Map<String, Object>> tried = new HashSet<>();
        done.forEach(r -> tried.add(r.trial().params()));

        Map<String, Object> best = null;
        double bestRatio = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            Map<String, Object> candidate = new LinkedHashMap<>();
            double ratio = 0;
            for (Param p : space.params()) {
                Density l = density(p, goodValues), g = density(p, badValues);
                Object value = l.sample(random);
                candidate.put(p.name(), value);
                ratio += Math.log(l.at(value)) - Math.log(g.at(value));
            }
            if (space.isGrid() && tried.contains(candidate)) {
                continue;
            }
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = candidate;
            }
        }
        if (best == null) {   // every candidate was tried before: any untried combination
            for (Trial t : space.sample((int) Math.min(space.gridSize(), 10_000), random.nextLong())) {
                if (!tried.contains(t.params())) {
                    return t.params();
                }
            }
        }
        return best;
    }

    /** A density over one parameter's values that can be sampled. */
    interface Density {
        Object sample(SplittableRandom random);

        double at(Object value);
    }

    static Density density(Param p, List<Map<String, Object>> trials) {
        List<Object> seen = trials.stream().map(t -> t.get(p.name())).toList();
        if (p instanceof Param.Values v) {
            return new Choices(v.values(), seen);
        }
        double[] numbers = seen.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
        if (p instanceof Param.Range r) {
            return new Parzen(r.log() ? Math.log(r.min()) : r.min(), r.log() ? Math.log(r.max()) : r.max(), r.log(), false,
                    numbers);
        }
        Param.IntRange i = (Param.IntRange) p;
        return new Parzen(i.min() - 0.5, i.max() + 0.5, false, true, numbers);
    }

    /** Counts of each value among the trials, plus one for every value (so none is ever ruled out). */
    record Choices(List<Object> values, List<Object> seen) implements Density {
        private double weight(Object value) {
            return 1 + seen.stream().filter(value::equals).count();
        }

        @Override
        public Object sample(SplittableRandom random) {
            double total = values.size() + seen.size(), u = random.nextDouble() * total;
            for (Object value : values) {
                u -= weight(value);
                if (u < 0) {
                    return value;
                }
            }
            return values.get(values.size() - 1);
        }

        @Override
        public double at(Object value) {
            return weight(value) / (values.size() + seen.size());
        }
    }

    /**
     * A mixture of normals truncated to {@code [low, high]}: a wide one over the whole range, and one at
     * each value seen, as wide as the gap to its nearest neighbour (at least {@code range / min(100, n + 1)}).
     * Values of a log range live on the log scale; those of a whole-number range are rounded.
     */
    static final class Parzen implements Density {
        private final double low, high;
        private final boolean log, whole;
        private final double[] means, sigmas;

        Parzen(double low, double high, boolean log, boolean whole, double[] seen) {
            this.low = low;
            this.high = high;
            this.log = log;
            this.whole = whole;
            double span = high - low;
            double[] points = new double[seen.length + 1];
            for (int i = 0; i < seen.length; i++) {
                points[i] = log ? Math.log(seen[i]) : seen[i];
            }
            points[seen.length] = (low + high) / 2;   // the prior's centre
            Arrays.sort(points);
            means = points;
            sigmas = new double[points.length];
            double floor = span / Math.min(100, points.length);
            for (int i = 0; i < points.length; i++) {
                double left = i > 0 ? points[i] - points[i - 1] : points[i] - low;
                double right = i < points.length - 1 ? points[i + 1] - points[i] : high - points[i];
                sigmas[i] = Math.min(span, Math.max(floor, Math.max(left, right)));
            }
            int prior = Arrays.binarySearch(points, (low + high) / 2);
            sigmas[prior] = span;
        }

        @Override
        public Object sample(SplittableRandom random) {
            int k = random.nextInt(means.length);
            double x = Double.NaN;
            for (int tries = 0; tries < 100 && !(x >= low && x <= high); tries++) {
                x = means[k] + sigmas[k] * gaussian(random);
            }
            x = Math.max(low, Math.min(high, x));
            if (whole) {
                return (int) Math.max(Math.ceil(low), Math.min(Math.floor(high), Math.round(x)));
            }
            return log ? Math.exp(x) : x;
        }

        @Override
        public double at(Object value) {
            double x = ((Number) value).doubleValue();
            x = log ? Math.log(x) : x;
            double sum = 0;
            for (int i = 0; i < means.length; i++) {
                double mass = phi((high - means[i]) / sigmas[i]) - phi((low - means[i]) / sigmas[i]);
                double z = (x - means[i]) / sigmas[i];
                sum += Math.exp(-0.5 * z * z) / (sigmas[i] * Math.sqrt(2 * Math.PI) * Math.max(mass, 1e-12));
            }
            return Math.max(sum / means.length, 1e-300);
        }

        private static double gaussian(SplittableRandom random) {
            double u = 1 - random.nextDouble(), v = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }

        /** The standard normal distribution function (Abramowitz and Stegun 26.2.17, error below 1e-7). */
        static double phi(double z) {
            double t = 1 / (1 + 0.2316419 * Math.abs(z));
            double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
            double tail = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) * poly;
            return z >= 0 ? 1 - tail : tail;
        }
    }
}
