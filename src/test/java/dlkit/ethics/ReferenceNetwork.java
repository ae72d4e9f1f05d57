package dlkit.ethics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The small fixed network of the reference scripts (environment/shap_reference.py, lime_reference.py) and their
 * JSON files: P(positive) = sigmoid(w2 . tanh(x W1 + b1) + b2).
 */
final class ReferenceNetwork {

    private ReferenceNetwork() {
    }

    static JsonNode read(String path) {
        try {
            return new ObjectMapper().readTree(Files.readString(Path.of(path)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the reference file " + path + ": " + e.getMessage(), e);
        }
    }

    static double[] vector(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    static double[][] matrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(node.get(i));
        }
        return out;
    }

    /** The network whose weights the reference file holds (w1, b1, w2, b2). */
    static Function<double[][], double[]> model(JsonNode reference) {
        double[][] w1 = matrix(reference.get("w1"));
        double[] b1 = vector(reference.get("b1"));
        double[] w2 = vector(reference.get("w2"));
        double b2 = reference.get("b2").asDouble();
        return rows -> {
            double[] out = new double[rows.length];
            for (int r = 0; r < rows.length; r++) {
                double z = b2;
                for (int h = 0; h < b1.length; h++) {
                    double a = b1[h];
                    for (int i = 0; i < rows[r].length; i++) {
                        a += rows[r][i] * w1[i][h];
                    }
                    z += w2[h] * Math.tanh(a);
                }
                out[r] = 1 / (1 + Math.exp(-z));
            }
            return out;
        };
    }
}
