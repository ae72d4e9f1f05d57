package dlkit.transfer;

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
import dlkit.io.AtomicFile;
import dlkit.train.Callback;
import dlkit.train.EpochResult;
import dlkit.train.FitOptions;
import dlkit.train.Learner;
import dlkit.train.LearningRates;
import dlkit.train.Metric;
import dlkit.train.TrainingContext;

/**
 * Trains one of the course's shipped networks on the 60,000 training images of its dataset and writes
 * {@code NAME.zip} and its model card {@code NAME.md} (test accuracy, training command, checksum): the base
 * network for transfer learning, {@link PretrainedModels#fashionCnn()} ({@code --dataset fashion}, the default),
 * or the digit judge of the GAN notebook, {@link PretrainedModels#mnistCnn()} ({@code --dataset mnist}). Run it
 * with {@code environment/train-base-model}, which also updates {@code data/SHA256SUMS}.
 */
public final class TrainBaseModel {

    static final String COMMAND = "environment/train-base-model";

    /** The networks this trains: same architecture, different images. */
    enum Base {
        FASHION("fashion", "fashion-cnn", "Tells 10 kinds of clothing apart", "The base network of the course's "
                + "transfer-learning notebook: its convolution layers are reused, frozen, as a feature extractor for "
                + "other small grey images (e.g. digits).", "Fashion-MNIST (Zalando Research, MIT licence)",
                "data/fashion-mnist/", "Shirt, T-shirt/top, pullover and coat are often confused with each other.",
                "It decides nothing about people; it learned from one retailer's product photos and reflects that "
                + "catalogue's styles."),
        MNIST("mnist", "mnist-cnn", "Tells the handwritten digits 0-9 apart", "The judge of the course's GAN "
                + "notebook: it scores how digit-like generated images are (the share it classifies with high "
                + "confidence).", "MNIST (LeCun, Cortes & Burges, CC BY-SA 3.0)", "data/mnist/",
                "A confident answer says that an image looks like one digit to this network, not that a person "
                + "would read it so; on random noise it is confident for none of 1,000 images.",
                "It decides nothing about people; it learned from the handwriting of American census employees "
                + "and students, and reads other handwriting styles less well.");

        final String option;
        final String name;
        final String task;
        final String intendedUse;
        final String source;
        final String folder;
        final String limitation;
        final String ethics;

        Base(String option, String name, String task, String intendedUse, String source, String folder,
             String limitation, String ethics) {
            this.option = option;
            this.name = name;
            this.task = task;
            this.intendedUse = intendedUse;
            this.source = source;
            this.folder = folder;
            this.limitation = limitation;
            this.ethics = ethics;
        }

        /** The command that retrains this network ({@code --dataset} only where it is not the default). */
        String command() {
            return COMMAND + (this == FASHION ? "" : " --dataset " + option);
        }

        /** The base whose network is saved in {@code file} ({@code NAME.zip}), if any. */
        static java.util.Optional<Base> savedIn(Path file) {
            return java.util.Arrays.stream(values()).filter(b -> file.getFileName().toString().equals(b.name + ".zip"))
                    .findFirst();
        }

        ImageDataset images() {
            return this == MNIST ? Datasets.mnist() : Datasets.fashionMnist();
        }

        static Base of(String option) {
            for (Base base : values()) {
                if (base.option.equals(option)) {
                    return base;
                }
            }
            throw new IllegalArgumentException("unknown dataset '" + option + "'; choose --dataset fashion or --dataset mnist");
        }
    }

    private TrainBaseModel() {
    }

    /** Arguments: {@code [--dataset fashion|mnist] [--epochs 3] [--seed 42] [--images 60000] [--out data/models]}. */
    public static void main(String[] args) throws Exception {
        Base base = Base.FASHION;
        int epochs = 3;
        long seed = 42;
        int images = 60_000;
        Path out = Datasets.folder().root().resolve("models");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--dataset" -> base = Base.of(required(args[i], value));
                case "--epochs" -> epochs = Integer.parseInt(required(args[i], value));
                case "--seed" -> seed = Long.parseLong(required(args[i], value));
                case "--images" -> images = Integer.parseInt(required(args[i], value));
                case "--out" -> out = Path.of(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "'; options: --dataset fashion|mnist, --epochs 3, --seed 42, --images 60000, --out data/models");
            }
            i++;
        }
        train(base, epochs, seed, images, out);
    }

    /** Trains and writes the network and its card into {@code folder}; returns the test accuracy. */
    static double train(Base base, int epochs, long seed, int images, Path folder) {
        ImageDataset dataset = base.images();
        var train = dataset.train().first(images);
        var test = dataset.test();
        MultiLayerNetwork net = new MultiLayerNetwork(PretrainedModels.cnnConfiguration(seed));
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
        Path file = folder.resolve(base.name + ".zip");
        AtomicFile.write(file, "the network", o -> ModelSerializer.writeModel(net, o, false));
        String sha;
        try {
            sha = DataFolder.sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String card = card(base, net, ClassificationReport.of(predictions), epochs, seed, train.count(), minutes, sha);
        AtomicFile.write(folder.resolve(base.name + ".md"), "the model card", o -> o.write(card.getBytes(StandardCharsets.UTF_8)));
        System.out.printf(Locale.ROOT, "test accuracy %.4f; wrote %s (%,d bytes, sha256 %s) and its card in %.1f min%n",
                predictions.accuracy(), file, sizeOf(file), sha, minutes);
        return predictions.accuracy();
    }

    static String card(Base base, MultiLayerNetwork net, ClassificationReport report, int epochs, long seed,
                       int images, double minutes, String sha) {
        ModelInfo info = ModelInfo.of(base.name, "1.0")
                .description(String.format(Locale.ROOT, "%s in 28x28 grey images; a small LeNet-style convolutional "
                        + "network with %,d parameters", base.task, net.numParams()))
                .intendedUse(base.intendedUse)
                .outOfScopeUse("Any decision about people or goods; photos in colour, of other sizes or not centred.")
                .data(base.source + ": trained on " + String.format(Locale.ROOT, "%,d", images)
                        + " training images, evaluated on the 10,000 test images (" + base.folder + ").")
                .owners("The course maintainers (this repository)")
                .limitation(base.limitation)
                .limitation("Images must be scaled to [0, 1], 28x28, one channel, as rows of 784 pixels.")
                .ethicalConsideration(base.ethics);
        String training = String.format(Locale.ROOT, """

                ## Training

                - Command: `%s --epochs %d --seed %d%s` (from the repository root; writes this card, the network
                  and its line in `data/SHA256SUMS`).
                - Architecture: conv 5x5x20 ReLU, max pool 2x2, conv 5x5x50 ReLU, max pool 2x2, dense 500 ReLU,
                  softmax 10 (`PretrainedModels.cnnConfiguration`).
                - Adam, learning rate 1e-3 halved every 2 epochs, batch 64, %d epochs, seed %d, one OpenMP thread;
                  %.1f minutes on the machine that trained it.
                - Saved without its updater state (only inference and transfer learning need it).
                - SHA-256 of `%s.zip`: `%s`.

                """, base.command(), epochs, seed, images == 60_000 ? "" : " --images " + images, epochs, seed, minutes, base.name, sha);
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
