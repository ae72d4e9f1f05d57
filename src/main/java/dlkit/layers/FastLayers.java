package dlkit.layers;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fast paths for DL4J's standard layers on the CPU: convolutions, pooling, batch normalization and LSTMs run
 * as fused libnd4j operations (oneDNN's where ND4J's {@code onednn} build is loaded) instead of DL4J's loops
 * in Java, the dense and output layers of a {@code MultiLayerNetwork} train without the work DL4J repeats or
 * throws away ({@link DenseLayer}, {@link OutputLayer}), sigmoid and tanh activations run on oneDNN's tanh
 * ({@link FastActivations}), and the Adam update is one loop in Java ({@link FastAdam}).
 * Networks are built as usual; {@code Learner.fit}, {@code ModelBundle.load} and the course's other entry
 * points call {@link #install} on every network they touch, and a learner can call it on their own:
 *
 * <pre>{@code
 * MultiLayerNetwork net = new MultiLayerNetwork(conf);
 * net.init();
 * FastLayers.install(net);   // [0 conv, 1 pool, 2 conv, 3 pool]
 * }</pre>
 *
 * <p>The network is the same network: same parameters, same outputs and gradients within float rounding,
 * saved and loaded by plain DL4J. DL4J layers accept such a helper by design (cuDNN plugs in the same way on
 * the GPU); this release never installs its CPU ones. Dense layers have no helper slot: their layer objects are
 * replaced by subclasses that share the configuration, parameters and gradient arrays. A case the fused
 * operations do not cover (half precision, masks, NHWC images, peepholes, truncated backpropagation through
 * time) keeps DL4J's own path.
 *
 * <p>Off with the environment variable {@code DLKIT_FAST_LAYERS=0} or the system property
 * {@code -Ddlkit.fastLayers=false}; {@link #remove} takes them off one network.
 */
public final class FastLayers {

    /** DL4J's layers that get a helper of this package. */
    private static final List<Class<? extends Layer>> COVERED =
            List.of(ConvolutionLayer.class, SubsamplingLayer.class, BatchNormalization.class, LSTM.class);

    /** Environment variable that turns the fast paths off when set to {@code 0}, {@code false} or {@code off}. */
    public static final String SWITCH = "DLKIT_FAST_LAYERS";
    /** System property with the same meaning, read before the environment variable. */
    public static final String PROPERTY = "dlkit.fastLayers";

    private FastLayers() {
    }

    /** Whether the fast paths are switched on (the default) and ND4J runs on the CPU. */
    public static boolean enabled() {
        String setting = System.getProperty(PROPERTY, System.getenv(SWITCH));
        if (setting != null) {
            String value = setting.trim().toLowerCase(Locale.ROOT);
            if (List.of("0", "false", "off", "no").contains(value)) {
                return false;
            }
            if (!List.of("1", "true", "on", "yes", "").contains(value)) {
                throw new IllegalArgumentException(SWITCH + "='" + setting
                        + "' is neither on nor off; use 1 (fast layers, the default) or 0 (DL4J's own layers)");
            }
        }
        return "CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
    }

    /**
     * Gives every convolution, pooling, batch-normalization and LSTM layer of a network its fused path, every
     * dense and output layer of a {@code MultiLayerNetwork} (not inside a wrapper) its leaner one, and its Adam
     * updater the faster update (from its first training step on, by a training listener where the network has
     * not trained yet), unless switched off. Calling it again changes nothing.
     *
     * @return the layers now on a fast path, e.g. {@code ["0 conv", "1 pool", "3 lstm", "4 output"]}; empty when
     *     switched off or when the network has none
     */
    public static List<String> install(Model model) {
        if (!enabled()) {
            return List.of();
        }
        boolean truncated = backpropType(model) == BackpropType.TruncatedBPTT;
        List<String> fused = new ArrayList<>();
        Layer[] layers = layers(model);
        for (int i = 0; i < layers.length; i++) {
            Layer layer = unwrap(layers[i]);
            String kind = null;
            if (layer.getClass() == ConvolutionLayer.class) {
                setHelper(layer, ConvolutionLayer.class, new FusedConvolution());
                kind = "conv";
            } else if (layer.getClass() == SubsamplingLayer.class && layer.conf().getLayer().getIDropout() == null) {
                setHelper(layer, SubsamplingLayer.class, new FusedPooling());
                kind = "pool";
            } else if (layer.getClass() == BatchNormalization.class
                    && !((org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.conf().getLayer()).isLockGammaBeta()) {
                setHelper(layer, BatchNormalization.class, new FusedBatchNorm());
                kind = "batchnorm";
            } else if (layer.getClass() == LSTM.class && !truncated) {
                setHelper(layer, LSTM.class, new FusedLstm());
                kind = "lstm";
            } else if (layers[i] instanceof DenseLayer || layers[i] instanceof OutputLayer) {
                // This package's DenseLayer and OutputLayer are the fast ones; DL4J's go by their full names.
                kind = layers[i] instanceof DenseLayer ? "dense" : "output";
            } else if (model instanceof MultiLayerNetwork net
                    && layers[i].getClass() == org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class) {
                boolean first = i == 0 && net.getLayerWiseConfigurations().getInputPreProcess(0) == null;
                replace(net, i, new DenseLayer(layers[i].conf(), layers[i].params().dataType(), first));
                kind = "dense";
            } else if (model instanceof MultiLayerNetwork net
                    && layers[i].getClass() == org.deeplearning4j.nn.layers.OutputLayer.class) {
                replace(net, i, new OutputLayer(layers[i].conf(), layers[i].params().dataType()));
                kind = "output";
            }
            if (kind != null) {
                fused.add(i + " " + kind);
            }
        }
        FastAdam.install(model);
        return List.copyOf(fused);
    }

    /**
     * A copy of {@code from} outside DL4J's workspaces (which close before a kept result is used), written into
     * {@code buffer} where that has its type and shape, else into a new array; returns the copy.
     */
    static INDArray keepCopy(INDArray buffer, INDArray from) {
        try (MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            INDArray copy = buffer != null && buffer.dataType() == from.dataType()
                    && Arrays.equals(buffer.shape(), from.shape())
                    ? buffer : Nd4j.createUninitializedDetached(from.dataType(), from.shape());
            return copy.assign(from);
        }
    }

    /**
     * Puts every layer of a network, and its Adam updater, back on DL4J's own path; returns how many layers had a
     * fused one.
     */
    public static int remove(Model model) {
        FastAdam.remove(model);
        int removed = 0;
        Layer[] all = layers(model);
        for (int i = 0; i < all.length; i++) {
            if (all[i] instanceof DenseLayer fast) {
                replace((MultiLayerNetwork) model, i, new org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer(
                        fast.conf(), fast.params().dataType()));
                removed++;
            } else if (all[i] instanceof OutputLayer fast) {
                replace((MultiLayerNetwork) model, i, new org.deeplearning4j.nn.layers.OutputLayer(fast.conf(),
                        fast.params().dataType()));
                removed++;
            }
        }
        for (Layer wrapped : layers(model)) {
            Layer layer = unwrap(wrapped);
            for (Class<?> type : COVERED) {
                if (layer.getClass() == type && helper(layer, type) instanceof LayerHelper helper
                        && helper.getClass().getPackage() == FastLayers.class.getPackage()) {
                    setHelper(layer, type, null);
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * How many times a fused path failed and its layer went back to DL4J's own path (DL4J logs each with a
     * warning); 0 when all went well.
     */
    public static int fallbacks(Model model) {
        int count = 0;
        for (Layer wrapped : layers(model)) {
            Layer layer = unwrap(wrapped);
            for (Class<?> type : COVERED) {
                if (type.isInstance(layer)) {
                    count += (int) read(layer, type, "helperCountFail");
                }
            }
        }
        return count;
    }

    /** The fused helper a layer runs on, or {@code null} (package-private, for tests). */
    static Object helper(Layer layer, Class<?> type) {
        return read(unwrap(layer), type, "helper");
    }

    /**
     * Puts {@code fresh} in place of a network's layer {@code i}: the same configuration, parameters, gradient
     * arrays, listeners and counters, so the network, its updater and its saved files cannot tell.
     */
    private static void replace(MultiLayerNetwork net, int i, org.deeplearning4j.nn.layers.BaseLayer<?> fresh) {
        Layer old = net.getLayers()[i];
        fresh.setListeners(old.getListeners());
        fresh.setIndex(old.getIndex());
        fresh.setParamsViewArray(old.params());
        fresh.setParamTable(old.paramTable());
        if (old.getGradientsViewArray() != null) {
            fresh.setBackpropGradientsViewArray(old.getGradientsViewArray());
        }
        fresh.setCacheMode(net.getLayerWiseConfigurations().getCacheMode());
        fresh.setIterationCount(old.getIterationCount());
        fresh.setEpochCount(old.getEpochCount());
        net.getLayers()[i] = fresh;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Layer> byName = (Map<String, Layer>) field(MultiLayerNetwork.class, "layerMap").get(net);
            byName.replaceAll((name, layer) -> layer == old ? fresh : layer);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach the layers of DL4J's MultiLayerNetwork", e);
        }
    }

    private static Object read(Layer layer, Class<?> type, String name) {
        try {
            return field(type, name).get(layer);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the " + name + " of DL4J's " + type.getSimpleName(), e);
        }
    }

    private static void setHelper(Layer layer, Class<?> type, Object helper) {
        try {
            field(type, "helper").set(layer, helper);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set the helper of DL4J's " + type.getSimpleName(), e);
        }
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> owner = type; owner != null; owner = owner.getSuperclass()) {
            try {
                Field field = owner.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new IllegalStateException("DL4J's " + type.getSimpleName() + " has no field " + name
                + " in this version; run with " + SWITCH + "=0");
    }

    private static Layer unwrap(Layer layer) {
        Layer inner = layer;
        while (inner instanceof BaseWrapperLayer wrapper) {
            inner = wrapper.getUnderlying();
        }
        return inner;
    }

    private static Layer[] layers(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getLayers() == null ? new Layer[0] : net.getLayers();
        }
        if (model instanceof ComputationGraph graph) {
            return graph.getLayers() == null ? new Layer[0] : graph.getLayers();
        }
        throw new IllegalArgumentException("FastLayers works on a MultiLayerNetwork or a ComputationGraph, not a "
                + model.getClass().getSimpleName());
    }

    private static BackpropType backpropType(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getLayerWiseConfigurations().getBackpropType();
        }
        return ((ComputationGraph) model).getConfiguration().getBackpropType();
    }
}
