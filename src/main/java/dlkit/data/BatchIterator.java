package dlkit.data;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * What the library's {@code DataSetIterator}s share: {@code next()} is a batch of {@link #batch()} examples,
 * a pre-processor set by DL4J is applied to every batch ({@link #preprocessed}), and batches are made on the
 * training thread (no asynchronous prefetch).
 */
abstract class BatchIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private DataSetPreProcessor preProcessor;

    @Override
    public DataSet next() {
        return next(batch());
    }

    /** {@code batch} after the pre-processor, if one is set. */
    protected DataSet preprocessed(DataSet batch) {
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }
}
