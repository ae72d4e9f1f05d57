package dlkit.train;

import java.util.Arrays;
import java.util.Locale;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import dlkit.data.Datasets;
import dlkit.data.LabeledImages;

/**
 * Is training through {@link Learner} slower than DL4J's own {@code fit}? Trains the same MNIST MLP
 * both ways, alternating, after a warm-up, and prints the median times and their ratio. Not a test:
 * run it with {@code environment/benchmark}.
 */
public final class LearnerBenchmark {

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int examples = args.length > 1 ? Integer.parseInt(args[1]) : 12_000;
        int epochs = 2;
        LabeledImages images = Datasets.mnist().train().first(examples);
        DataSetIterator data = images.iterator(128);

        double[] plain = new double[repeats];
        double[] learner = new double[repeats];
        timePlain(data, epochs);
        timeLearner(data, epochs);
        for (int r = 0; r < repeats; r++) {
            plain[r] = timePlain(data, epochs);
            learner[r] = timeLearner(data, epochs);
        }
        double p = median(plain);
        double l = median(learner);
        System.out.printf(Locale.ROOT, "MLP 784-256-10 on %,d MNIST images, batch 128, %d epochs, %d repeats, OMP_NUM_THREADS=%s%n",
                examples, epochs, repeats, System.getenv("OMP_NUM_THREADS"));
        System.out.printf(Locale.ROOT, "DL4J net.fit(iterator): median %.3f s  %s%n", p, Arrays.toString(round(plain)));
        System.out.printf(Locale.ROOT, "Learner.fit (quiet):    median %.3f s  %s%n", l, Arrays.toString(round(learner)));
        System.out.printf(Locale.ROOT, "ratio Learner / DL4J: %.3f%n", l / p);
    }

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(42).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(256).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    private static double timePlain(DataSetIterator data, int epochs) {
        MultiLayerNetwork net = network();
        long start = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            data.reset();
            net.fit(data);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double timeLearner(DataSetIterator data, int epochs) {
        MultiLayerNetwork net = network();
        long start = System.nanoTime();
        Learner.fit(net, data, FitOptions.epochs(epochs).quiet());
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 1000) / 1000.0).toArray();
    }
}
