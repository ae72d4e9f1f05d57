package dlkit.data;

import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Mini-batches over a {@link DataSet} held in memory, in order or shuffled anew every epoch.
 *
 * <p>A shuffled iterator draws its orders from one {@link Random} seeded once: the first epoch's order,
 * the second's and so on are different from each other, yet the same on every run with the same seed.
 * DL4J calls {@code reset()} at the start of each epoch, which is when the next order is drawn.
 */
public final class Batches {

    private Batches() {
    }

    /** Batches of {@code batchSize} examples in the data's own order (the last one may be smaller). */
    public static DataSetIterator of(DataSet data, int batchSize) {
        return new Iterator(data, batchSize, null);
    }

    /** Batches of {@code batchSize} examples, in an order shuffled anew each epoch from {@code seed}. */
    public static DataSetIterator shuffled(DataSet data, int batchSize, long seed) {
        return new Iterator(data, batchSize, new Random(seed));
    }

    static void checkBatchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be positive, e.g. 32");
        }
    }

    /** The iterator behind both factories. */
    private static final class Iterator extends BatchIterator {

        private static final long serialVersionUID = 1L;

        private final DataSet data;
        private final int batchSize;
        private final transient Random random;
        private final int[] order;
        private int cursor;

        Iterator(DataSet data, int batchSize, Random random) {
            checkBatchSize(batchSize);
            if (data.numExamples() == 0) {
                throw new IllegalArgumentException("The data set has no examples; there is nothing to iterate over");
            }
            this.data = data;
            this.batchSize = batchSize;
            this.random = random;
            this.order = Tables.range(data.numExamples());
            shuffle();
        }

        private void shuffle() {
            if (random == null) {
                return;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }

        @Override
        public boolean hasNext() {
            return cursor < order.length;
        }

        @Override
        public DataSet next(int num) {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException("No more batches in this epoch; call reset() first");
            }
            int end = Math.min(order.length, cursor + num);
            long[] rows = new long[end - cursor];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = order[cursor + i];
            }
            cursor = end;
            return preprocessed(new DataSet(pick(data.getFeatures(), rows), pick(data.getLabels(), rows),
                    pick(data.getFeaturesMaskArray(), rows), pick(data.getLabelsMaskArray(), rows)));
        }

        private static INDArray pick(INDArray array, long[] rows) {
            if (array == null) {
                return null;
            }
            INDArrayIndex[] index = new INDArrayIndex[array.rank()];
            index[0] = NDArrayIndex.indices(rows);
            for (int d = 1; d < index.length; d++) {
                index[d] = NDArrayIndex.all();
            }
            return array.get(index).dup();
        }

        @Override
        public int inputColumns() {
            return (int) data.getFeatures().size(1);
        }

        @Override
        public int totalOutcomes() {
            return (int) data.getLabels().size(1);
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public void reset() {
            cursor = 0;
            shuffle();
        }

        @Override
        public int batch() {
            return batchSize;
        }

        @Override
        public List<String> getLabels() {
            return data.getLabelNamesList();
        }
    }
}
