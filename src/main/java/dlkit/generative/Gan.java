package dlkit.generative;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import dlkit.layers.FastLayers;

/**
 * A generative adversarial network: a <b>generator</b> turns random noise into images, a
 * <b>discriminator</b> tells real images (label 1) from generated ones (label 0), and the two are trained in
 * turn. Each step:
 * <ol>
 *   <li>the discriminator learns from a batch of real images and as many generated ones;</li>
 *   <li>the generator learns to make the discriminator say "real": its images go through a copy of the
 *       discriminator whose weights are <i>frozen</i> (the error flows back through them to the generator,
 *       but only the generator's weights change).</li>
 * </ol>
 * DL4J has no GAN class; here the generator lives in a {@link MultiLayerNetwork} that ends with the frozen
 * discriminator layers ({@link FrozenLayerWithBackprop}), and the discriminator's weights are copied into
 * them after each of its steps.
 *
 * <p>Images come and go as rows of pixels in [0, 1]. Inside, the networks see pixels in [-1, 1] and the
 * generator ends with {@code tanh}: a sigmoid output, pushed to 0 for the black background, stops passing
 * gradients there and the generator gets stuck on one pattern.
 *
 * <pre>{@code
 * Gan gan = Gan.mnist(42);                       // dense layers, 64 noise values -> 784 pixels
 * for (int epoch = 1; epoch <= 10; epoch++) {
 *     Gan.Epoch result = gan.fit(Datasets.mnist().train().iterator(64));
 * }
 * INDArray digits = gan.generate(16, 7);         // 16 images, rows of 784 pixels in [0, 1]
 * }</pre>
 */
public final class Gan {

    private static final double REAL_LABEL = 0.9;
    private static final int MONITOR_SAMPLES = 500;

    private final int noiseSize;
    private final int generatorLayers;
    private final MultiLayerNetwork discriminator;
    private final MultiLayerNetwork combined;
    private final Random noise;
    private int epochs;

    /** What one epoch of training did: mean losses and how the discriminator judged at its end. */
    public record Epoch(int epoch, double discriminatorLoss, double generatorLoss, double realScore,
                        double fakeScore, double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "epoch %d: discriminator loss %.3f, generator loss %.3f, D(real) %.2f, "
                    + "D(generated) %.2f (%.0f s)", epoch, discriminatorLoss, generatorLoss, realScore, fakeScore, seconds);
        }
    }

    private Gan(int noiseSize, List<Layer> generator, List<Layer> discriminator, IUpdater updater, long seed) {
        if (noiseSize < 1) {
            throw new IllegalArgumentException("Gan: the noise size must be at least 1, got " + noiseSize
                    + "; e.g. 64 random numbers per image");
        }
        if (generator.isEmpty() || discriminator.isEmpty()) {
            throw new IllegalArgumentException("Gan: the generator has " + generator.size() + " layers and the "
                    + "discriminator " + discriminator.size() + "; both need at least one");
        }
        if (!(discriminator.get(discriminator.size() - 1) instanceof OutputLayer out) || out.getNOut() != 1
                || !(out.getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationSigmoid)) {
            throw new IllegalArgumentException("Gan: the discriminator must end with an OutputLayer of one sigmoid "
                    + "unit (the probability that an image is real), got " + discriminator.get(discriminator.size() - 1)
                    .getClass().getSimpleName() + "; e.g. new OutputLayer.Builder(LossFunction.XENT).nOut(1)"
                    + ".activation(Activation.SIGMOID).build()");
        }
        Layer last = generator.get(generator.size() - 1);
        if (!(last instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b)
                || !(b.getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationTanH)) {
            throw new IllegalArgumentException("Gan: the generator must end with a tanh layer (pixels in [-1, 1]), "
                    + "got " + last.getClass().getSimpleName() + "; e.g. new DenseLayer.Builder().nOut(784)"
                    + ".activation(Activation.TANH).build()");
        }
        long imageSize = outputSize(last);
        this.noiseSize = noiseSize;
        this.generatorLayers = generator.size();
        this.noise = new Random(seed);
        this.discriminator = new MultiLayerNetwork(builder(updater, seed).list(copies(discriminator, false).toArray(new Layer[0]))
                .setInputType(InputType.feedForward(imageSize)).build());
        this.discriminator.init();
        List<Layer> all = copies(generator, false);
        all.addAll(copies(discriminator, true));
        this.combined = new MultiLayerNetwork(builder(updater, seed).list(all.toArray(new Layer[0]))
                .setInputType(InputType.feedForward(noiseSize)).build());
        this.combined.init();
        FastLayers.install(this.discriminator);
        FastLayers.install(this.combined);
        copyDiscriminator();
    }

    /**
     * A GAN from layer configurations: {@code generator} maps {@code noiseSize} random numbers to an image (its
     * last layer has {@code tanh} and {@code nOut} the image size, e.g. 784); the
     * {@code discriminator} maps an image to one sigmoid output. Both learn with {@code updater}.
     */
    public static Gan of(int noiseSize, List<Layer> generator, List<Layer> discriminator, IUpdater updater, long seed) {
        return new Gan(noiseSize, generator, discriminator, updater, seed);
    }

    /**
     * The course's GAN for 28x28 digits: generator 64 -> 256 -> 512 -> 784 (leaky ReLU, tanh pixels),
     * discriminator 784 -> 512 -> 256 -> 1 (leaky ReLU, 30% dropout on its hidden layers), both Adam 2e-4 with beta1 0.5, the
     * usual GAN setting (a shorter memory of past gradients, as the opponent keeps changing).
     */
    public static Gan mnist(long seed) {
        var leaky = new ActivationLReLU(0.2);
        List<Layer> generator = List.of(
                new DenseLayer.Builder().nOut(256).activation(leaky).build(),
                new DenseLayer.Builder().nOut(512).activation(leaky).build(),
                new DenseLayer.Builder().nOut(784).activation(Activation.TANH).build());
        List<Layer> discriminator = List.of(
                new DenseLayer.Builder().nOut(512).activation(leaky).build(),
                new DenseLayer.Builder().nOut(256).activation(leaky).dropOut(0.7).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID)
                        .dropOut(0.7).build());
        return of(64, generator, discriminator, new Adam(2e-4, 0.5, 0.999, 1e-8), seed);
    }

    /** How many random numbers the generator reads per image. */
    public int noiseSize() {
        return noiseSize;
    }

    /** Epochs trained so far. */
    public int epochs() {
        return epochs;
    }

    /**
     * One training step on a batch of real images (rows of pixels): the discriminator learns from them and
     * as many generated ones, then the generator from a batch of fresh noise.
     *
     * @return the discriminator's and the generator's loss on this step
     */
    public double[] step(INDArray real) {
        if (real.rank() != 2 || real.columns() != imageSize()) {
            throw new IllegalArgumentException("Gan.step: expected real images as rows of " + imageSize()
                    + " pixels, got shape " + java.util.Arrays.toString(real.shape())
                    + "; flatten images to rows (e.g. an MNIST iterator gives [batch, 784])");
        }
        double min = real.minNumber().doubleValue();
        double max = real.maxNumber().doubleValue();
        if (min < 0 || max > 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Gan.step: pixels must be in [0, 1], got "
                    + "values from %.3g to %.3g; divide bytes by 255", min, max));
        }
        int batch = (int) real.rows();
        real = real.mul(2).subi(1);
        INDArray fake = draw(noise(batch));
        INDArray labels = Nd4j.vstack(Nd4j.valueArrayOf(new long[]{batch, 1}, REAL_LABEL, real.dataType()),
                Nd4j.zeros(real.dataType(), batch, 1));
        discriminator.fit(new DataSet(Nd4j.vstack(real, fake.castTo(real.dataType())), labels));
        double discriminatorLoss = discriminator.score();
        copyDiscriminator();
        combined.fit(new DataSet(noise(batch), Nd4j.ones(batch, 1)));
        return new double[]{discriminatorLoss, combined.score()};
    }

    /** One pass over {@code images} (a {@link DataSetIterator} of real images; their labels are not used). */
    public Epoch fit(DataSetIterator images) {
        long start = System.nanoTime();
        double discriminatorLoss = 0;
        double generatorLoss = 0;
        int steps = 0;
        images.reset();
        INDArray monitor = null;
        while (images.hasNext()) {
            INDArray real = images.next().getFeatures();
            double[] losses = step(real);
            discriminatorLoss += losses[0];
            generatorLoss += losses[1];
            steps++;
            monitor = monitor == null ? real : monitor.rows() < MONITOR_SAMPLES ? Nd4j.vstack(monitor, real) : monitor;
        }
        if (steps == 0) {
            throw new IllegalArgumentException("Gan.fit: the iterator gave no images");
        }
        epochs++;
        double realScore = judge(monitor).meanNumber().doubleValue();
        double fakeScore = judge(generate(noise((int) monitor.rows()))).meanNumber().doubleValue();
        return new Epoch(epochs, discriminatorLoss / steps, generatorLoss / steps, realScore, fakeScore,
                (System.nanoTime() - start) / 1e9);
    }

    /** {@code count} generated images, rows of pixels, from noise drawn with {@code seed} (same seed, same images). */
    public INDArray generate(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("Gan.generate: count must be at least 1, got " + count);
        }
        return generate(noise(new Random(seed), count));
    }

    /** The generator's images for the given noise ({@code [n, noiseSize]}). */
    public INDArray generate(INDArray noise) {
        if (noise.rank() != 2 || noise.columns() != noiseSize) {
            throw new IllegalArgumentException("Gan.generate: expected noise of shape [n, " + noiseSize + "], got "
                    + java.util.Arrays.toString(noise.shape()));
        }
        return draw(noise).addi(1).divi(2);
    }

    /** The generator's raw output, pixels in [-1, 1]. */
    private INDArray draw(INDArray noise) {
        return combined.activateSelectedLayers(0, generatorLayers - 1, noise);
    }

    /** The discriminator's probability that each image (a row of pixels) is real. */
    public INDArray judge(INDArray images) {
        return discriminator.output(images.mul(2).subi(1));
    }

    /**
     * The generator alone, as a network of its own (a copy of the current weights): save it with
     * {@link org.deeplearning4j.util.ModelSerializer} and generate elsewhere with {@code output(noise)}, which
     * gives pixels in [-1, 1] ({@code (output + 1) / 2} in [0, 1]).
     */
    public MultiLayerNetwork generator() {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < generatorLayers; i++) {
            layers.add(combined.getLayerWiseConfigurations().getConf(i).getLayer().clone());
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list(layers.toArray(new Layer[0]))
                .setInputType(InputType.feedForward(noiseSize)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int i = 0; i < generatorLayers; i++) {
            net.getLayer(i).setParams(combined.getLayer(i).params().dup());
        }
        return net;
    }

    /** The discriminator network itself (trained in place). */
    public MultiLayerNetwork discriminator() {
        return discriminator;
    }

    /** The generator followed by the frozen copy of the discriminator. */
    MultiLayerNetwork combined() {
        return combined;
    }

    private long imageSize() {
        return discriminator.layerInputSize(0);
    }

    private INDArray noise(int count) {
        return noise(noise, count);
    }

    private INDArray noise(Random random, int count) {
        float[] values = new float[count * noiseSize];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(values, new long[]{count, noiseSize}, 'c');
    }

    private void copyDiscriminator() {
        for (int i = 0; i < discriminator.getnLayers(); i++) {
            combined.getLayer(generatorLayers + i).setParams(discriminator.getLayer(i).params());
        }
    }

    private static NeuralNetConfiguration.Builder builder(IUpdater updater, long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).updater(updater).weightInit(WeightInit.XAVIER);
    }

    private static List<Layer> copies(List<Layer> layers, boolean frozen) {
        List<Layer> out = new ArrayList<>();
        for (Layer layer : layers) {
            Layer copy = layer.clone();
            out.add(frozen ? new FrozenLayerWithBackprop(copy) : copy);
        }
        return out;
    }

    private static long outputSize(Layer layer) {
        if (layer instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer f && f.getNOut() > 0) {
            return f.getNOut();
        }
        throw new IllegalArgumentException("Gan: the generator's last layer must be a dense layer with nOut set "
                + "(the image size, e.g. 784), got " + layer.getClass().getSimpleName());
    }
}
