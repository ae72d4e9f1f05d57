package dlkit.ethics;

/**
 * How much a model relies on one input: the drop in accuracy when that input's values are shuffled
 * across rows (which keeps their distribution but breaks their link to the answer).
 *
 * @param feature    the input, or the source column of a group of one-hot inputs (e.g. {@code purpose})
 * @param importance the mean drop in accuracy over the repeats; near 0 (or below) means unused
 * @param std        the standard deviation of the drop over the repeats (0 with one repeat)
 */
public record FeatureImportance(String feature, double importance, double std) {
}
