package dlkit.generative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A small GAN learns a striped six-pixel "image"; the frozen copy follows the discriminator; errors are clear. */
class GanIT {

    private static final double[] STRIPES = {0.9, 0.1, 0.9, 0.1, 0.9, 0.1};

    private static Gan tiny(long seed) {
        List<Layer> generator = List.of(
                new DenseLayer.Builder().nOut(16).activation(Activation.LEAKYRELU).build(),
                new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build());
        List<Layer> discriminator = List.of(
                new DenseLayer.Builder().nOut(16).activation(Activation.LEAKYRELU).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build());
        return Gan.of(4, generator, discriminator, new Adam(5e-3, 0.5, 0.999, 1e-8), seed);
    }

    /** Batches of striped rows with a little noise: the "real images". */
    private static DataSetIterator stripes(int batches, int batchSize) {
        Random random = new Random(1);
        List<DataSet> list = new java.util.ArrayList<>();
        for (int b = 0; b < batches; b++) {
            INDArray x = Nd4j.create(batchSize, STRIPES.length);
            for (int i = 0; i < batchSize; i++) {
                for (int j = 0; j < STRIPES.length; j++) {
                    x.putScalar(i, j, Math.min(1, Math.max(0, STRIPES[j] + 0.05 * random.nextGaussian())));
                }
            }
            list.add(new DataSet(x, Nd4j.zeros(batchSize, 1)));
        }
        return new ListDataSetIterator<>(list, 1);
    }

    private static double distanceToStripes(INDArray images) {
        INDArray mean = images.mean(0);
        return mean.sub(Nd4j.createFromArray(STRIPES).castTo(mean.dataType())).norm1Number().doubleValue() / STRIPES.length;
    }

    @Test
    void theGeneratorLearnsToDrawTheRealImages() {
        Gan gan = tiny(42);
        double before = distanceToStripes(gan.generate(200, 3));
        Gan.Epoch last = null;
        for (int epoch = 0; epoch < 8; epoch++) {
            last = gan.fit(stripes(25, 32));
        }
        double after = distanceToStripes(gan.generate(200, 3));
        assertEquals(8, gan.epochs());
        assertTrue(before > 0.25, "untrained, the images are far from the stripes: " + before);
        assertTrue(after < 0.1, "after training, the mean generated image is near the stripes: " + before + " -> " + after);
        assertTrue(last.fakeScore() > 0.2, "the discriminator is no longer sure the images are fake: " + last);
        INDArray images = gan.generate(50, 3);
        assertTrue(images.minNumber().doubleValue() >= 0 && images.maxNumber().doubleValue() <= 1, "pixels in [0, 1]");
    }

    @Test
    void aStepTrainsBothNetworksButTheFrozenCopyOnlyFollowsTheDiscriminator() {
        Gan gan = tiny(42);
        INDArray discriminatorBefore = gan.discriminator().params().dup();
        INDArray generatedBefore = gan.generate(5, 9);
        double[] losses = gan.step(stripes(1, 16).next().getFeatures());
        assertEquals(2, losses.length);
        assertNotEquals(discriminatorBefore, gan.discriminator().params());
        assertNotEquals(generatedBefore, gan.generate(5, 9));
        // the generator learns against the discriminator as it is now: the frozen copy holds the same weights
        INDArray noise = Nd4j.rand(new long[]{5, 4}).subi(0.5);
        INDArray viaFrozenCopy = gan.combined().output(noise);
        INDArray judged = gan.judge(gan.generate(noise));
        assertArrayEquals(new long[]{5, 1}, judged.shape());
        assertTrue(judged.equalsWithEps(viaFrozenCopy, 1e-5), judged + " vs " + viaFrozenCopy);
    }

    @Test
    void theSameSeedGivesTheSameImages() {
        Gan a = tiny(7);
        Gan b = tiny(7);
        a.fit(stripes(5, 16));
        b.fit(stripes(5, 16));
        assertEquals(a.generate(10, 1), b.generate(10, 1));
        assertNotEquals(a.generate(10, 1), a.generate(10, 2));
    }

    @Test
    void theGeneratorSavesAndReloadsAsANetworkOfItsOwn(@TempDir Path dir) throws Exception {
        Gan gan = tiny(42);
        gan.fit(stripes(5, 16));
        File file = dir.resolve("generator.zip").toFile();
        ModelSerializer.writeModel(gan.generator(), file, false);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file);
        INDArray noise = Nd4j.rand(new long[]{3, 4}).subi(0.5);
        INDArray pixels = loaded.output(noise).addi(1).divi(2);
        assertTrue(pixels.equalsWithEps(gan.generate(noise), 1e-5));
    }

    @Test
    void mistakesAreNamed() {
        List<Layer> generator = List.of(new DenseLayer.Builder().nOut(6).activation(Activation.SIGMOID).build());
        List<Layer> discriminator = List.of(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
                .activation(Activation.SIGMOID).build());
        var sigmoid = assertThrows(IllegalArgumentException.class,
                () -> Gan.of(4, generator, discriminator, new Adam(1e-3), 1));
        assertTrue(sigmoid.getMessage().contains("must end with a tanh layer"), sigmoid.getMessage());

        List<Layer> tanh = List.of(new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build());
        List<Layer> softmax = List.of(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                .activation(Activation.SOFTMAX).build());
        var twoOutputs = assertThrows(IllegalArgumentException.class, () -> Gan.of(4, tanh, softmax, new Adam(1e-3), 1));
        assertTrue(twoOutputs.getMessage().contains("one sigmoid unit"), twoOutputs.getMessage());

        Gan gan = tiny(1);
        var bytes = assertThrows(IllegalArgumentException.class, () -> gan.step(Nd4j.ones(2, 6).muli(255)));
        assertEquals("Gan.step: pixels must be in [0, 1], got values from 255 to 255; divide bytes by 255", bytes.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> gan.step(Nd4j.ones(2, 7)));
        assertTrue(shape.getMessage().contains("rows of 6 pixels, got shape [2, 7]"), shape.getMessage());
        var noise = assertThrows(IllegalArgumentException.class, () -> gan.generate(Nd4j.ones(2, 5)));
        assertEquals("Gan.generate: expected noise of shape [n, 4], got [2, 5]", noise.getMessage());
    }
}
