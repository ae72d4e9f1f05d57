package dlkit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fused paths against DL4J's own: every covered layer gives the same outputs and gradients as the
 * same network without them (float tolerance), passes a finite-difference gradient check in double
 * precision, trains to the same parameters, and saves and loads both ways; uncovered cases keep DL4J's path.
 */
class FastLayersIT {

    private static final double FLOAT_TOLERANCE = 2e-4;

    /** On here whatever DLKIT_FAST_LAYERS says, so that the rest of the suite can run with it off. */
    @BeforeEach
    void switchOn() {
        System.setProperty(FastLayers.PROPERTY, "true");
    }

    @AfterEach
    void switchBack() {
        System.clearProperty(FastLayers.PROPERTY);
    }

    // ---- networks ----

    private static NeuralNetConfiguration.ListBuilder base(DataType type) {
        return new NeuralNetConfiguration.Builder().seed(7).dataType(type).updater(new Adam(1e-3)).list();
    }

    /** LeNet as in notebooks 09 and 10, plus a padded strided convolution, a bias-free one and average pooling. */
    static MultiLayerNetwork cnn(DataType type) {
        return cnn(type, true);
    }

    /**
     * Batch normalization's running mean and variance are parameters that no gradient moves, so the gradient
     * check runs without it (its fused path covers floats only, held to DL4J's results above).
     */
    static MultiLayerNetwork cnn(DataType type, boolean batchNorm) {
        MultiLayerNetwork net = new MultiLayerNetwork(base(type)
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(6).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(5).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(4).hasBias(false)
                        .activation(Activation.IDENTITY).build())
                .layer(batchNorm ? new BatchNormalization.Builder().build() : identity())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2).stride(1, 1).build())
                .layer(new DenseLayer.Builder().nOut(10).activation(Activation.RELU).build())
                .layer(batchNorm ? new BatchNormalization.Builder().build() : identity())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(16, 16, 2))
                .build());
        net.init();
        return net;
    }

    private static org.deeplearning4j.nn.conf.layers.Layer identity() {
        return new ActivationLayer.Builder().activation(Activation.IDENTITY).build();
    }

    static MultiLayerNetwork lstm(DataType type, boolean lastStep) {
        NeuralNetConfiguration.ListBuilder list = base(type)
                .layer(new LSTM.Builder().nOut(6).activation(Activation.TANH).build());
        if (lastStep) {
            list.layer(new LastTimeStep(new LSTM.Builder().nOut(5).activation(Activation.TANH).build()))
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                            .activation(Activation.SOFTMAX).build());
        } else {
            list.layer(new LSTM.Builder().nOut(5).activation(Activation.TANH).build())
                    .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                            .activation(Activation.IDENTITY).build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.recurrent(4, 7)).build());
        net.init();
        return net;
    }

    private static DataSet images(DataType type, int examples) {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(type, examples, 2, 16, 16).subi(0.5);
        INDArray y = oneHot(type, examples, 3);
        return new DataSet(x, y);
    }

    private static DataSet sequences(DataType type, int examples, boolean lastStep) {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(type, examples, 4, 7).subi(0.5);
        INDArray y = lastStep ? oneHot(type, examples, 3) : Nd4j.rand(type, examples, 2, 7);
        return new DataSet(x, y);
    }

    private static INDArray oneHot(DataType type, int examples, int classes) {
        INDArray y = Nd4j.zeros(type, examples, classes);
        for (int i = 0; i < examples; i++) {
            y.putScalar(i, i % classes, 1.0);
        }
        return y;
    }

    // ---- equality with DL4J's own path ----

    @Test
    void convolutionAndPoolingGiveDl4jsOutputsAndGradients() {
        MultiLayerNetwork plain = cnn(DataType.FLOAT);
        MultiLayerNetwork fused = plain.clone();
        assertEquals(List.of("0 conv", "1 pool", "2 conv", "3 conv", "4 batchnorm", "5 pool", "6 dense", "7 batchnorm", "8 output"),
                FastLayers.install(fused));
        assertSameForwardAndBackward(plain, fused, images(DataType.FLOAT, 8));
    }

    @Test
    void lstmGivesDl4jsOutputsAndGradients() {
        for (boolean lastStep : new boolean[] {false, true}) {
            MultiLayerNetwork plain = lstm(DataType.FLOAT, lastStep);
            MultiLayerNetwork fused = plain.clone();
            assertEquals(lastStep ? List.of("0 lstm", "1 lstm", "2 output") : List.of("0 lstm", "1 lstm"),
                    FastLayers.install(fused));
            assertSameForwardAndBackward(plain, fused, sequences(DataType.FLOAT, 5, lastStep));
        }
    }

    @Test
    void aTrainingStepRunsTheLstmForwardOnce() {
        MultiLayerNetwork fused = lstm(DataType.FLOAT, true);
        FastLayers.install(fused);
        FusedLstm helper = (FusedLstm) FastLayers.helper(fused.getLayer(0), org.deeplearning4j.nn.layers.recurrent.LSTM.class);
        DataSet seq = sequences(DataType.FLOAT, 4, true);
        FusedLstm wrapped = (FusedLstm) FastLayers.helper(fused.getLayer(1), org.deeplearning4j.nn.layers.recurrent.LSTM.class);
        fused.fit(seq);
        assertEquals(1, helper.computed, "forward passes of the first LSTM in one training step");
        assertEquals(1, wrapped.computed, "forward passes of the LSTM inside LastTimeStep");
        fused.output(seq.getFeatures());
        fused.fit(seq);
        assertEquals(3, helper.computed, "after an inference and a second training step");
        assertEquals(3, wrapped.computed);
    }

    @Test
    void aTrainingStepComputesEachConvolutionOnce() {
        MultiLayerNetwork plain = cnn(DataType.FLOAT);
        MultiLayerNetwork fused = plain.clone();
        FastLayers.install(fused);
        FusedConvolution first = (FusedConvolution) FastLayers.helper(fused.getLayer(0),
                org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class);
        DataSet images = images(DataType.FLOAT, 8);
        for (int step = 0; step < 3; step++) {
            plain.fit(images);
            fused.fit(images);
        }
        assertEquals(3, first.fromKept, "backward passes that took the forward pass's convolution");
        fused.output(images.getFeatures());
        assertEquals(3, first.fromKept, "an inference computes its own");
        assertClose(plain.params(), fused.params(), "parameters after 3 Adam steps", 2e-3);
    }

    @Test
    void lstmStepByStepGivesDl4jsStates() {
        MultiLayerNetwork plain = lstm(DataType.FLOAT, false);
        MultiLayerNetwork fused = plain.clone();
        FastLayers.install(fused);
        INDArray x = sequences(DataType.FLOAT, 3, false).getFeatures();
        for (int t = 0; t < 7; t++) {
            INDArray step = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t));
            assertClose(plain.rnnTimeStep(step), fused.rnnTimeStep(step), "rnnTimeStep at step " + t);
        }
    }

    @Test
    void fusedPathsPassAGradientCheckInDoublePrecision() {
        DataType defaultType = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            gradientChecks();
        } finally {
            Nd4j.setDefaultDataTypes(defaultType, defaultType);
        }
    }

    private static void gradientChecks() {
        MultiLayerNetwork conv = cnnWithoutUpdater();
        FastLayers.install(conv);
        DataSet images = images(DataType.DOUBLE, 3);
        assertTrue(GradientCheckUtil.checkGradients(conv, 1e-6, 1e-3, 1e-8, true, false,
                images.getFeatures(), images.getLabels()), "gradient check of the fused convolutions");
        assertEquals(0, FastLayers.fallbacks(conv));

        // The network that reads only the last step fails DL4J's gradient check with DL4J's own LSTM as well;
        // the sequence-to-sequence one passes it, and the last-step one is held to DL4J's own gradients below.
        for (boolean lastStep : new boolean[] {false}) {
            MultiLayerNetwork lstm = lstm(DataType.DOUBLE, lastStep);
            lstm.getLayerWiseConfigurations().getConfs().forEach(c -> {
                if (c.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer layer) {
                    layer.setIUpdater(new NoOp());
                }
            });
            FastLayers.install(lstm);
            assertInstanceOf(FusedLstm.class, FastLayers.helper(lstm.getLayer(0),
                    org.deeplearning4j.nn.layers.recurrent.LSTM.class));
            DataSet seq = sequences(DataType.DOUBLE, 3, lastStep);
            assertTrue(GradientCheckUtil.checkGradients(lstm, 1e-6, 1e-3, 1e-8, true, false,
                    seq.getFeatures(), seq.getLabels()), "gradient check of the fused LSTM");
            assertEquals(0, FastLayers.fallbacks(lstm));
        }
        MultiLayerNetwork plain = lstm(DataType.DOUBLE, true);
        MultiLayerNetwork fused = plain.clone();
        FastLayers.install(fused);
        assertSameForwardAndBackward(plain, fused, sequences(DataType.DOUBLE, 3, true), 1e-12);
    }

    private static MultiLayerNetwork cnnWithoutUpdater() {
        MultiLayerNetwork net = cnn(DataType.DOUBLE, false);
        net.getLayerWiseConfigurations().getConfs().forEach(c -> {
            if (c.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer layer) {
                layer.setIUpdater(new NoOp());
            }
        });
        return net;
    }

    @Test
    void trainingReachesTheSameParameters() {
        MultiLayerNetwork plainCnn = cnn(DataType.FLOAT);
        MultiLayerNetwork fusedCnn = plainCnn.clone();
        FastLayers.install(fusedCnn);
        MultiLayerNetwork plainLstm = lstm(DataType.FLOAT, true);
        MultiLayerNetwork fusedLstm = plainLstm.clone();
        FastLayers.install(fusedLstm);
        DataSet images = images(DataType.FLOAT, 16);
        DataSet seq = sequences(DataType.FLOAT, 16, true);
        for (int step = 0; step < 20; step++) {
            plainCnn.fit(images);
            fusedCnn.fit(images);
            plainLstm.fit(seq);
            fusedLstm.fit(seq);
        }
        assertClose(plainCnn.params(), fusedCnn.params(), "CNN parameters after 20 Adam steps", 2e-3);
        assertClose(plainLstm.params(), fusedLstm.params(), "LSTM parameters after 20 Adam steps", 2e-3);
        assertEquals(plainCnn.score(), fusedCnn.score(), 1e-3);
        assertEquals(plainLstm.score(), fusedLstm.score(), 1e-3);
        assertEquals(0, FastLayers.fallbacks(fusedCnn) + FastLayers.fallbacks(fusedLstm));
    }

    @Test
    void savedNetworksLoadBothWays() throws IOException {
        MultiLayerNetwork fused = cnn(DataType.FLOAT);
        FastLayers.install(fused);
        DataSet images = images(DataType.FLOAT, 8);
        for (int step = 0; step < 3; step++) {
            fused.fit(images);
        }
        INDArray expected = fused.output(images.getFeatures());

        MultiLayerNetwork loaded = reload(fused);
        assertNull(FastLayers.helper(loaded.getLayer(0), org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class),
                "a loaded network is plain DL4J");
        assertClose(expected, loaded.output(images.getFeatures()), "plain DL4J on the fused network's file");

        FastLayers.install(loaded);
        assertClose(expected, reload(loaded).output(images.getFeatures()), "file written after install");
        assertClose(expected, loaded.output(images.getFeatures()), "loaded then fused");
    }

    private static MultiLayerNetwork reload(MultiLayerNetwork net) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
    }

    // ---- dense and output layers: DL4J's own arithmetic, without the repeated work ----

    /** An MLP as in notebook 09 and the benchmark (dropout on the second layer) and an autoencoder with MSE. */
    static MultiLayerNetwork mlp(DataType type, boolean autoencoder) {
        NeuralNetConfiguration.ListBuilder list = base(type)
                .layer(new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.TANH).dropOut(0.8).build());
        list = autoencoder
                ? list.layer(new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build())
                        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(9).activation(Activation.SIGMOID).build())
                : list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.feedForward(9)).build());
        net.init();
        return net;
    }

    private static DataSet rows(DataType type, int examples, boolean autoencoder) {
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.rand(type, examples, 9);
        return new DataSet(x, autoencoder ? x : oneHot(type, examples, 3));
    }

    @Test
    void denseAndOutputLayersTrainAsDl4jsOwn() {
        for (boolean autoencoder : new boolean[] {false, true}) {
            MultiLayerNetwork plain = mlp(DataType.FLOAT, autoencoder);
            MultiLayerNetwork fused = plain.clone();
            assertEquals(autoencoder ? List.of("0 dense", "1 dense", "2 dense", "3 output") : List.of("0 dense", "1 dense", "2 output"),
                    FastLayers.install(fused));
            assertInstanceOf(dlkit.layers.DenseLayer.class, fused.getLayer(0));
            assertEquals(plain.summary(), fused.summary(), "the summary a learner prints reads the same");
            DataSet data = rows(DataType.FLOAT, 16, autoencoder);
            assertSameForwardAndBackward(plain, fused, data, 1e-6);
            for (int step = 0; step < 20; step++) {
                Nd4j.getRandom().setSeed(100 + step);   // the same dropout masks in both
                plain.fit(data);
                Nd4j.getRandom().setSeed(100 + step);
                fused.fit(data);
                assertEquals(plain.score(), fused.score(), 1e-6 * plain.score(), "loss at step " + step);
            }
            assertClose(plain.params(), fused.params(), "parameters after 20 Adam steps with dropout", 1e-5);
            dlkit.layers.DenseLayer first = (dlkit.layers.DenseLayer) fused.getLayer(0);
            dlkit.layers.DenseLayer second = (dlkit.layers.DenseLayer) fused.getLayer(1);
            assertEquals(21, first.fromKept, "training steps whose backward pass took the forward pass's pre-activation");
            assertEquals(21, second.fromKept);
            assertEquals(21, first.inputGradientsLeftOut, "steps without the input gradient nobody reads");
            assertEquals(0, second.inputGradientsLeftOut);
            assertEquals(21, ((dlkit.layers.OutputLayer) fused.getOutputLayer()).scoresFromKept, "losses from the backward pass's pre-activation");
        }
    }

    @Test
    void theInputGradientStaysForThoseWhoAskForIt() {
        MultiLayerNetwork plain = mlp(DataType.FLOAT, false);
        MultiLayerNetwork fused = plain.clone();
        FastLayers.install(fused);
        DataSet data = rows(DataType.FLOAT, 5, false);
        INDArray[] inputGradients = new INDArray[2];
        int k = 0;
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {plain, fused}) {
            Nd4j.getRandom().setSeed(8);
            inputGradients[k++] = net.calculateGradients(data.getFeatures(), data.getLabels(), null, null).getSecond();
        }
        assertEquals(0, ((dlkit.layers.DenseLayer) fused.getLayer(0)).inputGradientsLeftOut);
        assertTrue(inputGradients[0].equals(inputGradients[1]), "gradient of the input, as saliency maps ask for it");
        assertEquals(List.of(9L, 5L).toString(), List.of(inputGradients[1].size(1), inputGradients[1].size(0)).toString());
    }

    @Test
    void fusedDenseLayersPassAGradientCheckAndLoadBothWays() throws IOException {
        DataType defaultType = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                    .dataType(DataType.DOUBLE).updater(new NoOp()).list()
                    .layer(new DenseLayer.Builder().nOut(7).activation(Activation.TANH).build())
                    .layer(new DenseLayer.Builder().nOut(5).activation(Activation.SIGMOID).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.feedForward(9)).build());
            net.init();
            FastLayers.install(net);
            DataSet data = rows(DataType.DOUBLE, 4, false);
            assertTrue(GradientCheckUtil.checkGradients(net, 1e-6, 1e-3, 1e-8, true, false,
                    data.getFeatures(), data.getLabels()), "gradient check of the fused dense and output layers");
        } finally {
            Nd4j.setDefaultDataTypes(defaultType, defaultType);
        }
        MultiLayerNetwork fused = mlp(DataType.FLOAT, true);
        FastLayers.install(fused);
        DataSet data = rows(DataType.FLOAT, 8, true);
        fused.fit(data);
        MultiLayerNetwork loaded = reload(fused);
        assertEquals(org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class, loaded.getLayer(0).getClass(),
                "a loaded network is plain DL4J");
        assertTrue(fused.output(data.getFeatures()).equals(loaded.output(data.getFeatures())), "outputs after loading");
        FastLayers.install(loaded);
        Nd4j.getRandom().setSeed(9);
        loaded.fit(data);
        Nd4j.getRandom().setSeed(9);
        fused.fit(data);
        assertTrue(fused.params().equals(loaded.params()), "training goes on the same after saving and loading");
        assertEquals(fused.getLayer(0), fused.getLayer(fused.getLayerNames().get(0)), "the layer found by its name");
    }

    // ---- what is and is not covered ----

    @Test
    void uncoveredCasesKeepDl4jsPathAndItsResults() {
        MultiLayerNetwork plain = lstm(DataType.FLOAT, false);
        MultiLayerNetwork fused = plain.clone();
        FastLayers.install(fused);
        DataSet masked = sequences(DataType.FLOAT, 4, false);
        INDArray mask = Nd4j.ones(DataType.FLOAT, 4, 7);
        mask.putScalar(new long[] {1, 6}, 0.0);
        mask.putScalar(new long[] {2, 5}, 0.0);
        mask.putScalar(new long[] {2, 6}, 0.0);
        masked.setFeaturesMaskArray(mask);
        masked.setLabelsMaskArray(mask);
        assertSameForwardAndBackward(plain, fused, masked);

        MultiLayerNetwork nhwcPlain = new MultiLayerNetwork(base(DataType.FLOAT)
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).dataFormat(CNN2DFormat.NHWC).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 2, CNN2DFormat.NHWC))
                .build());
        nhwcPlain.init();
        MultiLayerNetwork nhwcFused = nhwcPlain.clone();
        FastLayers.install(nhwcFused);
        Nd4j.getRandom().setSeed(5);
        assertSameForwardAndBackward(nhwcPlain, nhwcFused,
                new DataSet(Nd4j.rand(DataType.FLOAT, 4, 8, 8, 2), oneHot(DataType.FLOAT, 4, 3)));
    }

    @Test
    void truncatedBackpropagationThroughTimeKeepsDl4jsLstm() {
        MultiLayerConfiguration conf = base(DataType.FLOAT)
                .layer(new LSTM.Builder().nOut(6).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(4, 7))
                .backpropType(BackpropType.TruncatedBPTT).tBPTTLength(3)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertEquals(List.of(), FastLayers.install(net));
    }

    @Test
    void wrappedLayersOfTransferLearningAreFusedToo() {
        MultiLayerNetwork base = cnn(DataType.FLOAT);
        MultiLayerNetwork frozen = new TransferLearning.Builder(base)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-3)).build())
                .setFeatureExtractor(2)
                .build();
        assertEquals(List.of("0 conv", "1 pool", "2 conv", "3 conv", "4 batchnorm", "5 pool", "6 dense", "7 batchnorm", "8 output"),
                FastLayers.install(frozen));
        MultiLayerNetwork plain = new TransferLearning.Builder(base)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-3)).build())
                .setFeatureExtractor(2)
                .build();
        assertSameForwardAndBackward(plain, frozen, images(DataType.FLOAT, 4));
    }

    @Test
    void switchedOffOrRemovedLeavesDl4jsOwnLayers() {
        MultiLayerNetwork net = cnn(DataType.FLOAT);
        System.setProperty(FastLayers.PROPERTY, "false");
        assertEquals(List.of(), FastLayers.install(net));
        assertNull(FastLayers.helper(net.getLayer(0), org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class));

        System.setProperty(FastLayers.PROPERTY, "sometimes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FastLayers.install(net));
        assertTrue(e.getMessage().contains("'sometimes'") && e.getMessage().contains("use 1"), e.getMessage());

        System.setProperty(FastLayers.PROPERTY, "on");
        assertEquals(9, FastLayers.install(net).size());
        assertEquals(9, FastLayers.remove(net));
        assertNull(FastLayers.helper(net.getLayer(0), org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class));
        assertEquals(org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class, net.getLayer(6).getClass());
        assertEquals(org.deeplearning4j.nn.layers.OutputLayer.class, net.getLayer(8).getClass());
    }

    // ---- helpers ----

    private static void assertSameForwardAndBackward(MultiLayerNetwork plain, MultiLayerNetwork fused, DataSet data) {
        assertSameForwardAndBackward(plain, fused, data, FLOAT_TOLERANCE);
    }

    private static void assertSameForwardAndBackward(MultiLayerNetwork plain, MultiLayerNetwork fused, DataSet data,
            double tolerance) {
        assertClose(plain.output(data.getFeatures(), false, data.getFeaturesMaskArray(), data.getLabelsMaskArray()),
                fused.output(data.getFeatures(), false, data.getFeaturesMaskArray(), data.getLabelsMaskArray()),
                "outputs", tolerance);
        Map<String, INDArray> expected = gradients(plain, data);
        Map<String, INDArray> actual = gradients(fused, data);
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, gradient) -> assertClose(gradient, actual.get(name), "gradient of " + name, tolerance));
        assertEquals(plain.score(), fused.score(), tolerance * Math.max(1, Math.abs(plain.score())), "loss");
        assertEquals(0, FastLayers.fallbacks(fused), "fused paths that failed and fell back to DL4J's");
    }

    private static Map<String, INDArray> gradients(MultiLayerNetwork net, DataSet data) {
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.setLayerMaskArrays(data.getFeaturesMaskArray(), data.getLabelsMaskArray());
        Nd4j.getRandom().setSeed(42);   // the same dropout masks for both networks
        net.computeGradientAndScore();
        Map<String, INDArray> copies = new java.util.TreeMap<>();
        net.gradient().gradientForVariable().forEach((name, g) -> copies.put(name, g.dup()));
        net.clearLayerMaskArrays();
        return copies;
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertClose(expected, actual, what, FLOAT_TOLERANCE);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what, double tolerance) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + ": shape");
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        double difference = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(difference <= tolerance * scale,
                what + ": largest difference " + difference + " against a largest value of " + scale);
    }
}
