package dlkit.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tells when training has diverged, whatever the optimizer, and says so in words with the fix. Three
 * signs, each of which healthy training never shows:
 * <ul>
 *   <li>a batch's loss is NaN or infinite;</li>
 *   <li>an epoch's loss rises above {@value #LOSS_RISE} times the lowest epoch loss so far and above the
 *       first epoch's (noise around a small loss stays below the first epoch's; an explosion does not);</li>
 *   <li>a classifier's weight changes by more than {@value #WEIGHT_STEP} in one epoch. A classifier's loss
 *       is capped (DL4J clips its probabilities), so an optimizer with adaptive steps (Adam, RMSProp) at a
 *       huge learning rate sends the weights into the hundreds or thousands while the loss only jumps
 *       about; a healthy classifier's weights move by a few units per epoch at most. The running mean and
 *       variance of batch normalisation are not weights and are left out.</li>
 * </ul>
 */
final class Divergence {

    /** How many times its lowest value an epoch's loss may reach. */
    static final double LOSS_RISE = 10;

    /** How far a classifier's weight may move in one epoch. */
    static final double WEIGHT_STEP = 100;

    private final Trainable model;
    private final Architecture network;
    private double first = Double.NaN;
    private double lowest = Double.NaN;
    private int lowestEpoch;
    private Map<String, INDArray> weightsAtEpochStart = Map.of();

    Divergence(Trainable model, Architecture network) {
        this.model = model;
        this.network = network;
    }

    /** Remembers a classifier's weights at the start of an epoch, to measure how far they move. */
    void startEpoch() {
        if (!network.classifier()) {
            return;
        }
        Map<String, INDArray> copy = new LinkedHashMap<>();
        weights().forEach((name, values) -> copy.put(name, values.dup()));
        weightsAtEpochStart = copy;
    }

    /** The trained parameters by name, without batch normalisation's running statistics. */
    private Map<String, INDArray> weights() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        model.model().paramTable().forEach((name, values) -> {
            if (!name.endsWith("_mean") && !name.endsWith("_var") && !name.endsWith("_log10stdev")) {
                out.put(name, values);
            }
        });
        return out;
    }

    /**
     * Why training diverged in this epoch, or null when it did not; the loss of an epoch that did not
     * diverge is remembered.
     */
    String afterEpoch(int epoch, double loss, TrainingContext context) {
        String exploded = lossExploded(epoch, loss);
        String leapt = exploded == null ? weightsLeapt(epoch, loss) : null;
        if (exploded != null || leapt != null) {
            return (exploded != null ? exploded : leapt) + ": training diverged. " + fix(context, epoch);
        }
        if (Double.isNaN(first)) {
            first = loss;
        }
        if (Double.isNaN(lowest) || loss < lowest) {
            lowest = loss;
            lowestEpoch = epoch;
        }
        return null;
    }

    private String lossExploded(int epoch, double loss) {
        if (!(lowest > 0) || loss <= LOSS_RISE * lowest || loss <= first) {
            return null;
        }
        return String.format(Locale.ROOT, "the loss rose to %.3g in epoch %d, more than %.0f times its lowest (%.3g in"
                + " epoch %d) and above the first epoch's (%.3g)", loss, epoch, LOSS_RISE, lowest, lowestEpoch, first);
    }

    private String weightsLeapt(int epoch, double loss) {
        if (!network.classifier()) {
            return null;
        }
        String name = null;
        double step = 0;
        for (Map.Entry<String, INDArray> weight : weights().entrySet()) {
            INDArray before = weightsAtEpochStart.get(weight.getKey());
            double moved = before == null ? 0 : weight.getValue().sub(before).amaxNumber().doubleValue();
            if (moved > step) {
                step = moved;
                name = weight.getKey();
            }
        }
        if (!(step > WEIGHT_STEP)) {
            return null;
        }
        return String.format(Locale.ROOT, "a weight in %s changed by %.3g in epoch %d, where a healthy classifier's"
                + " weights move by a few units at most; the loss (%.3g) does not show it, because a classifier's loss is"
                + " capped, but the outputs are now certain and often wrong", name, step, epoch, loss);
    }

    /** Why a batch's loss that is NaN or infinite means divergence, with the fix. */
    String nonFinite(double loss, int epoch, int batch, TrainingContext context) {
        return String.format(Locale.ROOT, "the loss became %s in epoch %d, batch %d: training diverged. %s", loss, epoch,
                batch, fix(context, epoch));
    }

    private String fix(TrainingContext context, int epoch) {
        String rate = network.learningRate(context.learningRate());
        return "Lower the learning rate" + (rate.isEmpty() ? "" : " (now " + rate + ")") + ", check that the inputs"
                + " are scaled (no huge values) and contain no NaN. The weights are back to those at the start of"
                + " epoch " + epoch;
    }
}
