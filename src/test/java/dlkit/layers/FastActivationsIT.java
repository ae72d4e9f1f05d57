package dlkit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FastActivationsIT {

    private static final List<IActivation> ACTIVATIONS =
            List.of(new ActivationSigmoid(), new ActivationTanH(), new ActivationReLU());

    /** Pre-activations from -12 to 12, saturated ends included, and gradients of both signs. */
    private static INDArray[] inputs(DataType type, char order) {
        Nd4j.getRandom().setSeed(3);
        INDArray z = Nd4j.rand(DataType.DOUBLE, 37, 53).subi(0.5).muli(24).castTo(type).dup(order);
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, 37, 53).subi(0.5).castTo(type).dup(order);
        return new INDArray[] {z, epsilon};
    }

    @Test
    void forwardAndBackwardAgreeWithDl4jsActivations() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (char order : new char[] {'c', 'f'}) {
                for (IActivation fn : ACTIVATIONS) {
                    INDArray[] in = inputs(type, order);
                    INDArray expected = fn.getActivation(in[0].dup(order), true);
                    INDArray actual = FastActivations.forward(fn, in[0].dup(order), true);
                    assertClose(expected, actual, fn + " forward, " + type + " " + order);
                    INDArray expectedGrad = fn.backprop(in[0].dup(order), in[1].dup()).getFirst();
                    INDArray actualGrad = FastActivations.backward(fn, in[0].dup(order), in[1].dup());
                    assertClose(expectedGrad, actualGrad, fn + " backward, " + type + " " + order);
                }
            }
        }
    }

    @Test
    void viewsAndGradientsInAnotherOrderTakeTheActivationsOwnPath() {
        IActivation sigmoid = new ActivationSigmoid();
        INDArray[] in = inputs(DataType.FLOAT, 'c');
        INDArray view = in[0].dup().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 20),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(5, 40));
        INDArray expected = sigmoid.getActivation(view.dup(), true);
        assertClose(expected, FastActivations.forward(sigmoid, view, true), "sigmoid of a view");
        INDArray expectedGrad = sigmoid.backprop(in[0].dup(), in[1].dup('f')).getFirst();
        assertClose(expectedGrad, FastActivations.backward(sigmoid, in[0].dup(), in[1].dup('f')),
                "sigmoid gradient with the incoming gradient column-major");
    }

    @Test
    void onlySigmoidAndTanhAreStoodInFor() {
        IActivation softmax = new ActivationSoftmax();
        assertSame(softmax, FastActivations.of(softmax), "losses recognise the softmax by its class");
        IActivation sigmoid = FastActivations.of(new ActivationSigmoid());
        INDArray[] in = inputs(DataType.FLOAT, 'c');
        assertClose(new ActivationSigmoid().getActivation(in[0].dup(), true), sigmoid.getActivation(in[0].dup(), true),
                "the stand-in computes the sigmoid");
        assertEquals(0, sigmoid.numParams(10));
    }

    @Test
    void theDenseProductAddsTheBiasToEveryRow() {
        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr noWorkspaces =
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (long[] shape : new long[][] {{300, 20, 10}, {3, 7, 5000}, {1, 4, 1}}) {
                Nd4j.getRandom().setSeed(4);
                INDArray input = Nd4j.rand(DataType.DOUBLE, shape[0], shape[1]).castTo(type);
                INDArray weights = Nd4j.rand(DataType.DOUBLE, shape[1], shape[2]).castTo(type).dup('f');
                INDArray bias = Nd4j.rand(DataType.DOUBLE, 1, shape[2]).castTo(type);
                INDArray expected = input.mmul(weights).addRowVector(bias);
                assertClose(expected, DenseLayer.product(input, weights, bias, noWorkspaces),
                        "input x weights + bias, " + type + " " + java.util.Arrays.toString(shape));
            }
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        double tolerance = (expected.dataType() == DataType.DOUBLE ? 1e-12 : 1e-6) * scale;
        double difference = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(difference <= tolerance, what + ": largest difference " + difference);
    }
}
