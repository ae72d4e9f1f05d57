package dlkit.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What a {@link Callback} sees of a training run, and how it asks training to stop. */
public final class TrainingContext {

    private final Trainable trainable;
    private final int epochs;
    private final List<EpochResult> done = new ArrayList<>();
    private int epoch;
    private int batchesPerEpoch = -1;
    private double learningRate = Double.NaN;
    private String stopMessage;
    private StopReason stopReason;

    TrainingContext(Trainable trainable, int epochs) {
        this.trainable = trainable;
        this.epochs = epochs;
    }

    /** The network being trained: a {@code MultiLayerNetwork} or a {@code ComputationGraph}. */
    public Model model() {
        return trainable.model();
    }

    /** The number of epochs planned. */
    public int epochs() {
        return epochs;
    }

    /** The current epoch, from 1 (0 before the first). */
    public int epoch() {
        return epoch;
    }

    /** Batches in one epoch, known after the first epoch; -1 before. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The epochs finished so far. */
    public List<EpochResult> finished() {
        return List.copyOf(done);
    }

    /** A copy of the network's current parameters (weights and biases, flattened). */
    public INDArray copyOfParams() {
        return trainable.params().dup();
    }

    /** Replaces the network's parameters, e.g. by the best ones seen. */
    public void setParams(INDArray params) {
        trainable.setParams(params);
    }

    /** Sets the learning rate of every layer from now on; recorded as {@link Metric#LEARNING_RATE}. */
    public void setLearningRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("A learning rate must be a positive number, not " + rate
                    + "; typical values are 0.1 to 0.0001");
        }
        trainable.setLearningRate(rate);
        learningRate = rate;
    }

    /** The learning rate last set through {@link #setLearningRate}, or NaN. */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Asks training to stop after the current batch. Training ends normally and its {@link History}
     * says {@link StopReason#STOPPED_EARLY} with this message.
     */
    public void stop(String message) {
        stop(StopReason.STOPPED_EARLY, message);
    }

    /**
     * Asks training to stop after the current batch, for a reason of the library's own; a later early
     * stop does not hide it.
     */
    void stop(StopReason reason, String message) {
        Objects.requireNonNull(message, "say why training stops");
        if (stopReason != null && stopReason != StopReason.STOPPED_EARLY) {
            return;
        }
        this.stopMessage = message;
        this.stopReason = reason;
    }

    /** Whether a callback asked to stop. */
    public boolean stopRequested() {
        return stopMessage != null;
    }

    String stopMessage() {
        return stopMessage;
    }

    StopReason stopReason() {
        return stopReason;
    }

    void startEpoch(int epoch) {
        this.epoch = epoch;
    }

    void finishEpoch(EpochResult result, int batches) {
        done.add(result);
        batchesPerEpoch = batches;
    }
}
