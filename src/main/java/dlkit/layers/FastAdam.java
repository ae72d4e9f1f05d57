package dlkit.layers;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * DL4J's Adam update as one loop in Java over the gradient and the two moment arrays, in place of libnd4j's
 * {@code adam_updater} operation (measured 0.47 against 1.33 ms for 435,000 float parameters). The formula is
 * Adam's, as libnd4j computes it: {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2}, update
 * {@code a m / (sqrt(v) + eps)} with {@code a = lr sqrt(1 - b2^(t+1)) / (1 - b1^(t+1))}; results agree within
 * float rounding. The moments stay in
 * DL4J's updater state, so saved networks and their updater state are unchanged. Arrays that are not float, or
 * whose elements are not one after another, go to DL4J's own updater.
 *
 * <p>A network's updater exists only from its first training step on, so {@link #install} also adds a training
 * listener that puts this one in place as soon as it does (before that step's update).
 */
final class FastAdam implements GradientUpdater<Adam> {

    /** Elements per chunk of the loop (three float arrays of 16 kB, within a core's first-level cache). */
    private static final int CHUNK = 4096;

    private final AdamUpdater own;

    private FastAdam(AdamUpdater own) {
        this.own = own;
    }

    /** The faster update over the configuration and state of DL4J's {@code own}. */
    static FastAdam of(AdamUpdater own) {
        return new FastAdam(own);
    }

    @Override
    public Adam getConfig() {
        return own.getConfig();
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        own.setState(stateMap, initialize);
    }

    @Override
    public Map<String, INDArray> getState() {
        return own.getState();
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        own.setStateViewArray(viewArray, gradientShape, gradientOrder, initialize);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        Map<String, INDArray> state = own.getState();
        INDArray m = state.get(AdamUpdater.M_STATE);
        INDArray v = state.get(AdamUpdater.V_STATE);
        FloatBuffer g = Elements.floats(gradient);
        FloatBuffer first = m == null ? null : Elements.floats(m);
        FloatBuffer second = v == null ? null : Elements.floats(v);
        if (g == null || first == null || second == null || !gradient.isVector() || !m.isVector() || !v.isVector()
                || gradient.length() != m.length() || gradient.length() != v.length()) {
            own.applyUpdater(gradient, iteration, epoch);
            return;
        }
        Adam config = own.getConfig();
        float beta1 = (float) config.getBeta1();
        float beta2 = (float) config.getBeta2();
        float epsilon = (float) config.getEpsilon();
        float lr = (float) config.getLearningRate(iteration, epoch);
        float beta1Power = (float) Math.pow(beta1, iteration + 1);
        float beta2Power = (float) Math.pow(beta2, iteration + 1);
        float step = (float) (lr * (float) Math.sqrt((float) (1.0 - beta2Power)) / (1.0 - beta1Power));
        if (Float.isNaN(step) || Float.isInfinite(step) || step == 0) {
            step = epsilon;   // as libnd4j does
        }
        float keep1 = 1 - beta1;
        float keep2 = 1 - beta2;
        int length = (int) gradient.length();
        // In chunks copied to Java arrays: the JIT compiles a loop over arrays to vector instructions, one over
        // native buffers not (measured 0.47 against 1.26 ms for 435,000 parameters).
        float[] gs = new float[CHUNK];
        float[] ms = new float[CHUNK];
        float[] vs = new float[CHUNK];
        for (int start = 0; start < length; start += CHUNK) {
            int count = Math.min(CHUNK, length - start);
            g.get(start, gs, 0, count);
            first.get(start, ms, 0, count);
            second.get(start, vs, 0, count);
            for (int i = 0; i < count; i++) {
                float gi = gs[i];
                float mi = beta1 * ms[i] + gi * keep1;
                float vi = beta2 * vs[i] + gi * gi * keep2;
                ms[i] = mi;
                vs[i] = vi;
                gs[i] = mi * step / ((float) Math.sqrt(vi) + epsilon);
            }
            g.put(start, gs, 0, count);
            first.put(start, ms, 0, count);
            second.put(start, vs, 0, count);
        }
    }

    /**
     * Puts this update in place of DL4J's Adam in every updater block of the network's updater, now if it exists,
     * else by a listener at the first training step; calling it again changes nothing.
     */
    static void install(Model model) {
        if (!replaceIn(updater(model, false)) && listeners(model).stream().noneMatch(Installer.class::isInstance)) {
            List<TrainingListener> listeners = new ArrayList<>(listeners(model));
            listeners.add(new Installer());
            setListeners(model, listeners);
        }
    }

    /** Puts DL4J's own Adam back; returns how many updater blocks had this one. */
    static int remove(Model model) {
        List<TrainingListener> listeners = new ArrayList<>(listeners(model));
        if (listeners.removeIf(Installer.class::isInstance)) {
            setListeners(model, listeners);
        }
        BaseMultiLayerUpdater<?> updater = updater(model, false);
        int removed = 0;
        for (UpdaterBlock block : updater == null ? List.<UpdaterBlock>of() : updater.getUpdaterBlocks()) {
            if (block.getGradientUpdater() instanceof FastAdam fast) {
                block.setGradientUpdater(fast.own);
                removed++;
            }
        }
        return removed;
    }

    /** Whether the updater exists; its Adam blocks then have this update. */
    private static boolean replaceIn(BaseMultiLayerUpdater<?> updater) {
        if (updater == null) {
            return false;
        }
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            if (block.getGradientUpdater() != null && block.getGradientUpdater().getClass() == AdamUpdater.class) {
                block.setGradientUpdater(of((AdamUpdater) block.getGradientUpdater()));
            }
        }
        return true;
    }

    private static BaseMultiLayerUpdater<?> updater(Model model, boolean create) {
        if (model instanceof MultiLayerNetwork net) {
            return (BaseMultiLayerUpdater<?>) net.getUpdater(create);
        }
        return model instanceof ComputationGraph graph ? graph.getUpdater(create) : null;
    }

    private static Collection<TrainingListener> listeners(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getListeners();
        }
        return model instanceof ComputationGraph graph ? graph.getListeners() : List.of();
    }

    private static void setListeners(Model model, Collection<TrainingListener> listeners) {
        if (model instanceof MultiLayerNetwork net) {
            net.setListeners(listeners);
        } else if (model instanceof ComputationGraph graph) {
            graph.setListeners(listeners);
        }
    }

    /** Puts the faster update in place when the network's first training step has computed its gradient. */
    static final class Installer extends BaseTrainingListener {
        private boolean done;

        @Override
        public void onGradientCalculation(Model model) {
            if (!done) {
                done = replaceIn(updater(model, true));
            }
        }

        @Override
        public String toString() {
            return "FastAdam.Installer";
        }
    }
}
