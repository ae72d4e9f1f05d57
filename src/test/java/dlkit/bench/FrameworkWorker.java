package dlkit.bench;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.util.FeatureUtil;

import dlkit.data.Datasets;
import dlkit.data.LabeledImages;
import dlkit.data.Sequences;
import dlkit.data.Tokenizer;
import dlkit.data.Vocabulary;
import dlkit.layers.FastLayers;

/**
 * The DL4J half of {@code environment/benchmark}: a long-lived process that the Python driver (which runs the
 * PyTorch half) asks for one measurement at a time, so that the two frameworks alternate. One command per line
 * on standard input, one JSON answer per line on standard output:
 * <ul>
 *   <li>{@code train MODEL} one pass over the timing examples (the network keeps learning between calls);</li>
 *   <li>{@code infer MODEL} predictions for the inference examples;</li>
 *   <li>{@code accuracy MODEL EPOCHS} a fresh network trained on the accuracy examples, its test score;</li>
 *   <li>{@code sgemm N K M REPEATS} {@code [N, K] x [K, M]} in float32, into a row-major result;</li>
 *   <li>{@code export FOLDER} writes the tokenized reviews, so that PyTorch reads the very same numbers;</li>
 *   <li>{@code init MODEL FOLDER} writes a fresh network's parameters (float32, row-major), so that PyTorch
 *       starts from the very same weights;</li>
 *   <li>{@code sizes MODEL} the model's timing, inference and accuracy example counts and batch size;</li>
 *   <li>{@code loss MODEL} a fresh network's loss on the first training batch (the same in both frameworks
 *       when the weights and the layers match).</li>
 * </ul>
 * Models: {@code mlp} (784-1000-10, batch 128), {@code cnn} (LeNet, batch 64), {@code lstm} (embedding 128,
 * LSTM 128, 80 words, batch 64), {@code autoencoder} (784-256-64-256-784, batch 128); all Adam 1e-3, Xavier
 * initialisation, seed 42, preloaded batches.
 */
public final class FrameworkWorker {

    static final long SEED = 42;
    static final int LENGTH = 80;
    static final int WORDS = 10_000;

    private final PrintStream out;
    private final java.util.Map<String, MultiLayerNetwork> timed = new java.util.HashMap<>();
    private LabeledImages mnistTrain;
    private LabeledImages mnistTest;
    private DataSet reviews;
    private DataSet testReviews;

    private FrameworkWorker(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err);   // DL4J's own printing must not mix with the answers
        FrameworkWorker worker = new FrameworkWorker(protocol);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Nd4j.create(1);   // loads the backend first
        String build = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        String features = java.util.Arrays.stream(build.split("\\s+")).filter(w -> w.startsWith("HAVE_"))
                .collect(java.util.stream.Collectors.joining(" "));
        protocol.println("{\"ready\": true, \"threads\": \"" + System.getenv("OMP_NUM_THREADS") + "\", \"native\": \""
                + features + "\", \"workspaces\": \"" + System.getProperty("dlkit.bench.workspaces", "ENABLED")
                + "\", \"variant\": \"" + System.getProperty("org.bytedeco.javacpp.platform.extension", "")
                + "\"}");
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            try {
                protocol.println(worker.handle(line.trim().split("\\s+")));
            } catch (RuntimeException e) {
                protocol.println("{\"error\": \"" + String.valueOf(e).replace("\"", "'") + "\"}");
            }
        }
    }

    private String handle(String[] command) throws IOException {
        return switch (command[0]) {
            case "train" -> train(command[1]);
            case "infer" -> infer(command[1]);
            case "accuracy" -> accuracy(command[1], Integer.parseInt(command[2]));
            case "sgemm" -> sgemm(Integer.parseInt(command[1]), Integer.parseInt(command[2]),
                    Integer.parseInt(command[3]), Integer.parseInt(command[4]));
            case "export" -> export(Path.of(command[1]));
            case "init" -> init(command[1], Path.of(command[2]));
            case "loss" -> firstLoss(command[1]);
            case "sizes" -> {
                Sizes sizes = sizes(command[1]);
                yield String.format(Locale.ROOT, "{\"timing\": %d, \"inference\": %d, \"accuracy\": %d, \"batch\": %d}",
                        sizes.timing(), sizes.inference(), sizes.accuracy(), sizes.batch());
            }
            default -> throw new IllegalArgumentException("unknown command " + command[0]);
        };
    }

    /** Sizes of each benchmark: timing examples, inference examples, accuracy examples, batch. */
    record Sizes(int timing, int inference, int accuracy, int batch) {
    }

    static Sizes sizes(String model) {
        return switch (model) {
            case "mlp" -> new Sizes(12_800, 10_000, 60_000, 128);
            case "cnn" -> new Sizes(3_200, 2_000, 12_000, 64);
            case "lstm" -> new Sizes(640, 1_000, 4_000, 64);
            case "autoencoder" -> new Sizes(12_800, 10_000, 60_000, 128);
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
    }

    static MultiLayerConfiguration configuration(String model) {
        // -Ddlkit.bench.workspaces=NONE turns off DL4J's memory workspaces (ENABLED is DL4J's default)
        var workspaces = org.deeplearning4j.nn.conf.WorkspaceMode.valueOf(
                System.getProperty("dlkit.bench.workspaces", "ENABLED"));
        var base = new NeuralNetConfiguration.Builder().seed(SEED).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER)
                .trainingWorkspaceMode(workspaces).inferenceWorkspaceMode(workspaces)
                .list();
        return switch (model) {
            case "mlp" -> base
                    .layer(new DenseLayer.Builder().nIn(784).nOut(1000).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.feedForward(784)).build();
            case "cnn" -> base
                    .layer(new ConvolutionLayer.Builder(5, 5).nOut(20).activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                    .layer(new ConvolutionLayer.Builder(5, 5).nOut(50).activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                    .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.convolutionalFlat(28, 28, 1)).build();
            case "lstm" -> base
                    .layer(new EmbeddingSequenceLayer.Builder().nIn(WORDS).nOut(128).inputLength(LENGTH).build())
                    .layer(new LastTimeStep(new LSTM.Builder().nOut(128).activation(Activation.TANH).build()))
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.recurrent(WORDS, LENGTH)).build();
            case "autoencoder" -> base
                    .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                    .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                    .layer(new DenseLayer.Builder().nOut(256).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(784).activation(Activation.SIGMOID).build())
                    .setInputType(InputType.feedForward(784)).build();
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
    }

    private static MultiLayerNetwork network(String model) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(model));
        net.init();
        FastLayers.install(net);
        return net;
    }

    /** The first {@code count} training examples of a model's data, as a list of preloaded batches. */
    private List<DataSet> batches(String model, int count, int batch, boolean test) {
        DataSet all = data(model, test);
        count = Math.min(count, all.numExamples());
        List<DataSet> out = new ArrayList<>();
        for (int from = 0; from < count; from += batch) {
            int to = Math.min(count, from + batch);
            INDArray x = all.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
            INDArray y = all.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
            out.add(new DataSet(x.dup(), y.dup()));
        }
        return out;
    }

    private DataSet data(String model, boolean test) {
        return switch (model) {
            case "mlp", "cnn" -> test ? mnist(true).toDataSet() : mnist(false).toDataSet();
            case "autoencoder" -> {
                INDArray x = mnist(test).features();
                yield new DataSet(x, x);
            }
            case "lstm" -> reviews(test);
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
    }

    private LabeledImages mnist(boolean test) {
        if (mnistTrain == null) {
            mnistTrain = Datasets.mnist().train();
            mnistTest = Datasets.mnist().test();
        }
        return test ? mnistTest : mnistTrain;
    }

    private DataSet reviews(boolean test) {
        if (reviews == null) {
            var train = Datasets.fineFoodsTrain();
            var testTable = Datasets.fineFoodsTest();
            List<String> texts = train.stringColumn("review").asList();
            Vocabulary vocabulary = Tokenizer.fit(texts, WORDS - 2);   // plus padding and unknown: WORDS ids
            reviews = encode(vocabulary, texts, train.stringColumn("score").asList());
            testReviews = encode(vocabulary, testTable.stringColumn("review").asList(),
                    testTable.stringColumn("score").asList());
        }
        return test ? testReviews : reviews;
    }

    private static DataSet encode(Vocabulary vocabulary, List<String> texts, List<String> scores) {
        INDArray features = Sequences.batch(vocabulary.encodeAll(texts), LENGTH);
        int[] labels = scores.stream().mapToInt(s -> "great".equals(s) ? 1 : 0).toArray();
        return new DataSet(features, FeatureUtil.toOutcomeMatrix(labels, 2));
    }

    private String train(String model) {
        Sizes sizes = sizes(model);
        List<DataSet> batches = batches(model, sizes.timing(), sizes.batch(), false);
        MultiLayerNetwork net = timed.computeIfAbsent(model, FrameworkWorker::network);
        long start = System.nanoTime();
        for (DataSet batch : batches) {
            net.fit(batch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "{\"examples\": %d, \"seconds\": %.6f, \"loss\": %.6f}",
                count(batches), seconds, net.score());
    }

    private String infer(String model) {
        Sizes sizes = sizes(model);
        List<DataSet> batches = batches(model, sizes.inference(), sizes.batch(), true);
        MultiLayerNetwork net = timed.computeIfAbsent(model, FrameworkWorker::network);
        long start = System.nanoTime();
        double sink = 0;
        for (DataSet batch : batches) {
            sink += net.output(batch.getFeatures()).getDouble(0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "{\"examples\": %d, \"seconds\": %.6f, \"sink\": %.3f}",
                count(batches), seconds, sink);
    }

    private String accuracy(String model, int epochs) {
        Sizes sizes = sizes(model);
        List<DataSet> batches = batches(model, sizes.accuracy(), sizes.batch(), false);
        MultiLayerNetwork net = network(model);
        long start = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            for (DataSet batch : batches) {
                net.fit(batch);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        DataSet test = data(model, true);
        double score;
        if (model.equals("autoencoder")) {
            INDArray diff = net.output(test.getFeatures()).sub(test.getFeatures());
            score = diff.muli(diff).meanNumber().doubleValue();
        } else {
            INDArray predicted = net.output(test.getFeatures()).argMax(1);
            INDArray actual = test.getLabels().argMax(1);
            score = predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        }
        return String.format(Locale.ROOT, "{\"examples\": %d, \"epochs\": %d, \"seconds\": %.3f, \"score\": %.6f}",
                count(batches), epochs, seconds, score);
    }

    private static String sgemm(int n, int k, int m, int repeats) {
        Nd4j.getRandom().setSeed(SEED);
        INDArray a = Nd4j.rand(DataType.FLOAT, n, k);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, m);
        INDArray c = Nd4j.create(DataType.FLOAT, n, m);
        // Into a row-major result, as the course's dense layers call it (INDArray.mmuli into a row-major array
        // computes a column-major one and copies it over).
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);   // warm-up
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        double gflops = 2.0 * n * k * m / best / 1e9;
        return String.format(Locale.ROOT, "{\"seconds\": %.6f, \"gflops\": %.3f}", best, gflops);
    }

    private String init(String model, Path folder) throws IOException {
        Files.createDirectories(folder);
        MultiLayerNetwork net = network(model);
        StringBuilder shapes = new StringBuilder("{");
        for (var entry : net.paramTable().entrySet()) {
            INDArray value = entry.getValue().dup('c');
            float[] values = value.data().asFloat();
            try (var o = new DataOutputStream(new java.io.BufferedOutputStream(
                    Files.newOutputStream(folder.resolve(entry.getKey() + ".f32"))))) {
                for (float v : values) {
                    o.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(v)));
                }
            }
            shapes.append(shapes.length() > 1 ? ", " : "").append('"').append(entry.getKey()).append("\": ")
                    .append(java.util.Arrays.toString(value.shape()));
        }
        return shapes.append('}').toString();
    }

    private String firstLoss(String model) {
        Sizes sizes = sizes(model);
        DataSet first = batches(model, sizes.batch(), sizes.batch(), false).get(0);
        MultiLayerNetwork net = network(model);
        return String.format(Locale.ROOT, "{\"loss\": %.7f}", net.score(first));
    }

    /** The tokenized reviews as little-endian int32 files, for the PyTorch side. */
    private String export(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (boolean test : new boolean[]{false, true}) {
            DataSet set = reviews(test);
            String name = test ? "test" : "train";
            write(folder.resolve(name + "-tokens.i32"), set.getFeatures().dup('c').data().asInt());
            write(folder.resolve(name + "-labels.i32"), set.getLabels().argMax(1).toIntVector());
        }
        return "{\"rows\": " + reviews(false).numExamples() + ", \"length\": " + LENGTH + ", \"words\": " + WORDS + "}";
    }

    private static void write(Path file, int[] values) throws IOException {
        try (var o = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            for (int v : values) {
                o.writeInt(Integer.reverseBytes(v));
            }
        }
    }

    private static int count(List<DataSet> batches) {
        return batches.stream().mapToInt(DataSet::numExamples).sum();
    }
}
