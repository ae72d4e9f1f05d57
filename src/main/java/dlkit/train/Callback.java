package dlkit.train;

/**
 * Hooks into a training run, called in this order: {@link #onTrainStart}, then per epoch
 * {@link #onEpochStart}, {@link #onBatchEnd} for each batch, {@link #onEpochEnd}; finally
 * {@link #onTrainEnd}, also when training stopped early, diverged or was interrupted. Callbacks run in
 * the order they were given. To stop training, call {@link TrainingContext#stop}; an exception thrown
 * here ends training and is re-thrown naming the callback and the event.
 */
public interface Callback {

    default void onTrainStart(TrainingContext context) {
    }

    default void onEpochStart(TrainingContext context, int epoch) {
    }

    /**
     * @param batch the batch number within the epoch, from 1
     * @param loss  the loss the optimizer saw on this batch
     */
    default void onBatchEnd(TrainingContext context, int batch, double loss) {
    }

    default void onEpochEnd(TrainingContext context, EpochResult result) {
    }

    default void onTrainEnd(TrainingContext context, History history) {
    }
}
