package dlkit.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import dlkit.data.DataFolder;
import dlkit.data.Datasets;
import dlkit.data.ImageDataset;
import dlkit.ethics.ModelCard;
import dlkit.ethics.ModelInfo;
import dlkit.eval.ClassificationReport;
import dlkit.eval.Predictions;
import dlkit.train.Callback;
import dlkit.train.EpochResult;
import dlkit.train.FitOptions;
import dlkit.train.Learner;
import dlkit.train.LearningRates;
import dlkit.train.Metric;
import dlkit.train.TrainingContext;

/**
 * Trains the course's base network for transfer learning, {@link PretrainedModels#fashionCnn()}, on the
 * 60,000 Fashion-MNIST training images, and writes {@code fashion-cnn.zip} and its model card
 * {@code fashion-cnn.md} (test accuracy, training command, checksum). Run it with
 * {@code environment/train-base-model}, which also updates {@code data/SHA256SUMS}.
 */
public final class TrainBaseModel {

    static final String COMMAND = "environment/train-base-model";

    private TrainBaseModel() {
    }

    /** Arguments: {@code [--epochs 3] [--seed 42] [--images 60000] [--out data/models]}. */
    public static void main(String[] args) throws Exception {
        int epochs = 3;
        long seed = 42;
        int images = 60_000;
        Path out = Datasets.folder().root().resolve("models");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(required(args[i], value));
                case "--seed" -> seed = Long.parseLong(required(args[i], value));
                case "--images" -> images = Integer.parseInt(required(args[i], value));
                case "--out" -> out = Path.of(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "'; options: --epochs 3, --seed 42, --images 60000, --out data/models");
            }
            i++;
        }
        train(epochs, seed, images, out);
    }

    /** Trains and writes the network and its card into {@code folder}; returns the test accuracy. */
    static double train(int epochs, long seed, int images, Path folder) {
        ImageDataset fashion = Datasets.fashionMnist();
        var train = fashion.train().first(images);
        var test = fashion.test();
        MultiLayerNetwork net = new MultiLayerNetwork(PretrainedModels.fashionCnnConfiguration(seed));
        net.init();
        System.out.printf(Locale.ROOT, "training on %s for %d epochs, seed %d%n", train, epochs, seed);
        long start = System.nanoTime();
        Learner.fit(net, train.iterator(64), FitOptions.epochs(epochs).seed(seed).quiet()
                .validation(test.iterator(1000)).metrics(Metric.VAL_ACCURACY)
                .callbacks(LearningRates.step(1e-3, 0.5, 2), new Callback() {
                    @Override
                    public void onEpochEnd(TrainingContext context, EpochResult result) {
                        System.out.printf(Locale.ROOT, "epoch %d: test accuracy %.4f (%.0f s)%n", result.epoch(),
                                result.get(Metric.VAL_ACCURACY), result.millis() / 1000.0);
                    }
                }));
        double minutes = (System.nanoTime() - start) / 60e9;
        Predictions predictions = Predictions.of(net, test.iterator(1000), test.classes());
        Path file = folder.resolve("fashion-cnn.zip");
        AtomicFile.write(file, "the base network", o -> ModelSerializer.writeModel(net, o, false));
        String sha;
        try {
            sha = DataFolder.sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String card = card(net, ClassificationReport.of(predictions), epochs, seed, train.count(), minutes, sha);
        AtomicFile.write(folder.resolve("fashion-cnn.md"), "the model card", o -> o.write(card.getBytes(StandardCharsets.UTF_8)));
        System.out.printf(Locale.ROOT, "test accuracy %.4f; wrote %s (%,d bytes, sha256 %s) and its card in %.1f min%n",
                predictions.accuracy(), file, sizeOf(file), sha, minutes);
        return predictions.accuracy();
    }

    static String card(MultiLayerNetwork net, ClassificationReport report, int epochs, long seed, int images,
                       double minutes, String sha) {
        ModelInfo info = ModelInfo.of("fashion-cnn", "1.0")
                .description(String.format(Locale.ROOT, "Tells 10 kinds of clothing apart in 28x28 grey images; a small "
                        + "LeNet-style convolutional network with %,d parameters", net.numParams()))
                .intendedUse("The base network of the course's transfer-learning notebook: its convolution layers are "
                        + "reused, frozen, as a feature extractor for other small grey images (e.g. digits).")
                .outOfScopeUse("Any decision about people or goods; photos in colour, of other sizes or not centred.")
                .data("Fashion-MNIST (Zalando Research, MIT licence): trained on " + String.format(Locale.ROOT, "%,d", images)
                        + " training images, evaluated on the 10,000 test images (data/fashion-mnist/).")
                .owners("The course maintainers (this repository)")
                .limitation("Shirt, T-shirt/top, pullover and coat are often confused with each other.")
                .limitation("Images must be scaled to [0, 1], 28x28, one channel, as rows of 784 pixels.")
                .ethicalConsideration("It decides nothing about people; it learned from one retailer's product photos "
                        + "and reflects that catalogue's styles.");
        String training = String.format(Locale.ROOT, """

                ## Training

                - Command: `%s --epochs %d --seed %d%s` (from the repository root; writes this card, the network
                  and its line in `data/SHA256SUMS`).
                - Architecture: conv 5x5x20 ReLU, max pool 2x2, conv 5x5x50 ReLU, max pool 2x2, dense 500 ReLU,
                  softmax 10 (`PretrainedModels.fashionCnnConfiguration`).
                - Adam, learning rate 1e-3 halved every 2 epochs, batch 64, %d epochs, seed %d, one OpenMP thread;
                  %.1f minutes on the machine that trained it.
                - Saved without its updater state (only inference and transfer learning need it).
                - SHA-256 of `fashion-cnn.zip`: `%s`.

                """, COMMAND, epochs, seed, images == 60_000 ? "" : " --images " + images, epochs, seed, minutes, sha);
        return ModelCard.of(info, report).markdown() + training;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value, e.g. " + option + " 3");
        }
        return value;
    }
}
