package dlkit.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ONNX model run by ONNX Runtime: a network trained anywhere (PyTorch, Keras, scikit-learn) and exported to
 * the ONNX format, used from Java with ND4J arrays in and out.
 *
 * <pre>{@code
 * try (OnnxModel model = OnnxModel.load(Path.of("penguins-mlp.onnx"))) {
 *     INDArray probabilities = model.predict(features);      // [rows, 9] in, [rows, 3] out
 * }
 * }</pre>
 *
 * <p>An ONNX file holds the computation and the weights, nothing else: no scaling of the inputs, no category
 * names, no class names. A {@code ModelBundle} made of the model and a fitted preprocessor carries those too.
 * Models with one float input and one float output are supported (the common case for classifiers and
 * regressors); {@link #predict} is safe to call from several threads at once.
 */
public final class OnnxModel implements AutoCloseable {

    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private final OrtSession session;
    private final byte[] bytes;
    private final String source;
    private final String input;
    private final String output;
    private final long[] inputShape;
    private final long[] outputShape;

    private OnnxModel(OrtSession session, byte[] bytes, String source) throws OrtException {
        this.session = session;
        this.bytes = bytes;
        this.source = source;
        if (session.getNumInputs() != 1 || session.getNumOutputs() != 1) {
            session.close();
            throw new IllegalArgumentException(source + " has " + session.getNumInputs() + " inputs and "
                    + session.getNumOutputs() + " outputs; OnnxModel runs models with one input and one output (export "
                    + "the model with one input tensor and one output tensor)");
        }
        Map.Entry<String, NodeInfo> in = session.getInputInfo().entrySet().iterator().next();
        Map.Entry<String, NodeInfo> out = session.getOutputInfo().entrySet().iterator().next();
        this.input = in.getKey();
        this.output = out.getKey();
        this.inputShape = floatTensor(in.getValue(), "input", source);
        this.outputShape = floatTensor(out.getValue(), "output", source);
    }

    private long[] floatTensor(NodeInfo node, String what, String source) throws OrtException {
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            session.close();
            throw new IllegalArgumentException(source + ": its " + what + " '" + node.getName() + "' is " + node.getInfo()
                    + ", not a tensor of 32-bit floats; export the model with float inputs and outputs");
        }
        return tensor.getShape();
    }

    /**
     * Loads an ONNX file.
     *
     * @throws IllegalArgumentException when there is no file, when it is not an ONNX model (the message says what
     *                                  it looks like instead), or when ONNX Runtime cannot run it
     */
    public static OnnxModel load(Path file) {
        Path path = file.toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("No ONNX model at " + path + (Files.isDirectory(path) ? " (that is a folder)"
                    : "") + "; check the path (an exported model is one .onnx file)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path + ": " + e.getMessage(), e);
        }
        return fromBytes(bytes, path.toString());
    }

    /** An ONNX model from the bytes of an ONNX file; {@code source} names it in messages. */
    public static OnnxModel fromBytes(byte[] bytes, String source) {
        if (bytes.length >= 4 && Arrays.equals(Arrays.copyOf(bytes, 4), ZIP)) {
            throw new IllegalArgumentException(source + " is a zip file, not an ONNX model; a course bundle loads with "
                    + "ModelBundle.load, a DL4J model with ModelSerializer, a Keras 3 .keras file not at all (export it "
                    + "to ONNX first)");
        }
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads());
                options.setInterOpNumThreads(1);
                return new OnnxModel(environment.createSession(bytes, options), bytes, source);
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException(source + " is not an ONNX model ONNX Runtime can run: "
                    + e.getMessage().strip() + "; export it again (e.g. torch.onnx.export) and check it with "
                    + "onnx.checker", e);
        }
    }

    /** The threads ONNX Runtime uses for one prediction: those ND4J's OpenMP uses ({@code OMP_NUM_THREADS}), else 1. */
    private static int threads() {
        try {
            return Math.max(1, Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "1").strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * The model's output for {@code features}, e.g. {@code [rows, 9]} in and {@code [rows, 3]} out; the shape must
     * be the model's input shape, with any size in its variable dimensions (the batch).
     *
     * @throws IllegalArgumentException when the shape does not fit the model's input
     */
    public INDArray predict(INDArray features) {
        long[] shape = features.shape();
        checkShape(shape);
        float[] values = features.castTo(DataType.FLOAT).dup('c').data().asFloat();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape);
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] outShape = ((TensorInfo) out.getInfo()).getShape();
            FloatBuffer buffer = out.getFloatBuffer();
            float[] data = new float[buffer.remaining()];
            buffer.get(data);
            return Nd4j.create(data, outShape, 'c');
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not run " + source + " on an input of shape "
                    + Arrays.toString(shape) + ": " + e.getMessage(), e);
        }
    }

    private void checkShape(long[] shape) {
        boolean fits = shape.length == inputShape.length;
        for (int d = 0; fits && d < shape.length; d++) {
            fits = inputShape[d] < 0 || inputShape[d] == shape[d];
        }
        if (!fits) {
            throw new IllegalArgumentException("The model's input '" + input + "' takes arrays of shape " + shape(inputShape)
                    + ", but the data is " + Arrays.toString(shape) + "; " + (shape.length == inputShape.length
                    ? "give each example the model's number of features, in the order it was trained with"
                    : "reshape the data to " + inputShape.length + " dimensions"));
        }
    }

    /** A shape with its variable dimensions as "batch" or "?", e.g. "[batch, 9]". */
    private static String shape(long[] shape) {
        List<String> parts = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            parts.add(shape[d] >= 0 ? String.valueOf(shape[d]) : d == 0 ? "batch" : "?");
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** The input's name, e.g. {@code features}. */
    public String input() {
        return input;
    }

    /** The output's name, e.g. {@code probabilities}. */
    public String output() {
        return output;
    }

    /** The input's shape, -1 where any size goes (the batch). */
    public long[] inputShape() {
        return inputShape.clone();
    }

    /** The output's shape, -1 where any size goes. */
    public long[] outputShape() {
        return outputShape.clone();
    }

    /** The model file's bytes, as loaded (a bundle saves them as they are). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** What the file says of itself: producer (e.g. "pytorch 2.15.0"), graph name, input and output. */
    public Map<String, String> metadata() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            var meta = session.getMetadata();
            out.put("producer", meta.getProducerName());
            out.put("graph", meta.getGraphName());
        } catch (OrtException e) {
            out.put("producer", "unknown");
        }
        out.put("input", input + " " + shape(inputShape));
        out.put("output", output + " " + shape(outputShape));
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("Could not close the ONNX session of " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "OnnxModel(" + source + ", " + input + " " + shape(inputShape) + " -> " + output + " " + shape(outputShape) + ")";
    }
}
