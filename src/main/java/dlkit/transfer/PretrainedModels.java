package dlkit.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import dlkit.data.Datasets;
import dlkit.layers.FastLayers;
import dlkit.layers.FormerNames;

/**
 * The course's own pretrained networks, shipped in {@code data/models/} with their checksums and model
 * cards, so that transfer learning works offline. No registry reachable by the course ships ImageNet
 * weights that DL4J loads; {@link ZooWeights} shows how a zoo model's weights are used when online.
 *
 * <pre>{@code
 * MultiLayerNetwork base = PretrainedModels.fashionCnn();   // trained on Fashion-MNIST
 * }</pre>
 */
public final class PretrainedModels {

    /** The Fashion-MNIST CNN, relative to {@code data/}. */
    public static final String FASHION_CNN = "models/fashion-cnn.zip";

    /** Its model card, relative to {@code data/}. */
    public static final String FASHION_CNN_CARD = "models/fashion-cnn.md";

    /** The MNIST digit classifier (the GAN notebook's judge), relative to {@code data/}. */
    public static final String MNIST_CNN = "models/mnist-cnn.zip";

    /** Its model card, relative to {@code data/}. */
    public static final String MNIST_CNN_CARD = "models/mnist-cnn.md";

    /** Index of the last layer that extracts features (the second pooling layer); dense layers follow. */
    public static final int FASHION_CNN_LAST_FEATURE_LAYER = 3;

    private PretrainedModels() {
    }

    /**
     * The architecture of the Fashion-MNIST CNN: conv 5x5x20, max pool, conv 5x5x50, max pool, dense 500
     * ReLU, softmax over 10 classes, on 28x28 grey images given as rows of 784 pixels in [0, 1].
     */
    public static MultiLayerConfiguration fashionCnnConfiguration(long seed) {
        return cnnConfiguration(seed);
    }

    /**
     * The architecture of both shipped CNNs ({@link #fashionCnn()} and {@link #mnistCnn()}): conv 5x5x20, max
     * pool, conv 5x5x50, max pool, dense 500 ReLU, softmax over 10 classes, on rows of 784 pixels in [0, 1].
     */
    public static MultiLayerConfiguration cnnConfiguration(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).name("conv1").nOut(20).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool1")
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).name("conv2").nOut(50).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool2")
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("dense").nOut(500).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
    }

    /**
     * The shipped Fashion-MNIST CNN (see {@code data/models/fashion-cnn.md}), checked against
     * {@code data/SHA256SUMS} before loading. Each call loads a fresh copy.
     *
     * @throws IllegalStateException when the file is missing or corrupt (with how to restore it)
     */
    public static MultiLayerNetwork fashionCnn() {
        return load(Datasets.path(FASHION_CNN));
    }

    /**
     * The shipped MNIST digit classifier (see {@code data/models/mnist-cnn.md}; test accuracy about 99%), checked
     * against {@code data/SHA256SUMS} before loading. Each call loads a fresh copy.
     *
     * @throws IllegalStateException when the file is missing or corrupt (with how to restore it)
     */
    public static MultiLayerNetwork mnistCnn() {
        return load(Datasets.path(MNIST_CNN));
    }

    /** A network saved by DL4J's {@code ModelSerializer}, without its updater state. */
    static MultiLayerNetwork load(Path file) {
        try {
            FormerNames.register();
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
            FastLayers.install(net);
            return net;
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("Could not load the network in " + file + ": " + e.getMessage()
                    + "; restore it with 'git checkout -- data/models/" + file.getFileName() + "' or retrain it with "
                    + TrainBaseModel.Base.savedIn(file).map(TrainBaseModel.Base::command).orElse(TrainBaseModel.COMMAND), e));
        }
    }
}
