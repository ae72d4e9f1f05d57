package dlkit.transfer;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;

/**
 * Pretrained weights of DL4J's model zoo (VGG16, ResNet50, ...), loaded without surprises. DL4J's own
 * {@code initPretrained} silently starts a download of hundreds of megabytes and, offline, fails with a
 * stack trace of network errors. Here a download happens only when asked for; otherwise a missing file
 * gives a {@link WeightsNotAvailableException} that says where the weights would come from and what to
 * use instead.
 *
 * <pre>{@code
 * ZooModel vgg16 = VGG16.builder().build();
 * ComputationGraph net = ZooWeights.load(vgg16, PretrainedType.IMAGENET, Download.NEVER);      // cached only
 * ComputationGraph net = ZooWeights.load(vgg16, PretrainedType.IMAGENET, Download.IF_MISSING); // online
 * }</pre>
 */
public final class ZooWeights {

    /** Whether {@link #load} may download weights that are not on this machine yet. */
    public enum Download {
        /** Never: only weights already in DL4J's cache are loaded. */
        NEVER,
        /** Once, from DL4J's server, when they are not in the cache (needs internet). */
        IF_MISSING
    }

    /** Weights that are neither on this machine nor downloadable now. */
    public static final class WeightsNotAvailableException extends IllegalStateException {
        WeightsNotAvailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ZooWeights() {
    }

    /** Where DL4J keeps (or would keep) the weights of {@code model}: {@code ~/.deeplearning4j/models/<name>/}. */
    public static File cachedFile(ZooModel<?> model, PretrainedType type) {
        String url = url(model, type);
        File folder = new File(new File(DL4JResources.getBaseDirectory(), ResourceType.ZOO_MODEL.resourceName()),
                model.modelName());
        return new File(folder, new File(url).getName());
    }

    /** Whether the weights are on this machine already, so that loading them needs no network. */
    public static boolean isCached(ZooModel<?> model, PretrainedType type) {
        return cachedFile(model, type).isFile();
    }

    /** The address DL4J downloads the weights from. */
    public static String url(ZooModel<?> model, PretrainedType type) {
        if (!model.pretrainedAvailable(type)) {
            String offered = Arrays.stream(PretrainedType.values()).filter(model::pretrainedAvailable)
                    .map(Enum::name).collect(Collectors.joining(", "));
            throw new IllegalArgumentException(model.modelName() + " has no pretrained " + type + " weights; it has: "
                    + (offered.isEmpty() ? "none (train it yourself with init())" : offered));
        }
        return model.pretrainedUrl(type);
    }

    /**
     * The pretrained network: from DL4J's cache, or downloaded first when {@code download} is
     * {@link Download#IF_MISSING}.
     *
     * @throws IllegalArgumentException      when the model has no weights of that type
     * @throws WeightsNotAvailableException when the weights are not cached and may not, or could not, be
     *                                      downloaded; the message says why and what to do
     */
    public static <M extends Model> M load(ZooModel<?> model, PretrainedType type, Download download) {
        File file = cachedFile(model, type);
        String name = model.modelName() + "'s " + type + " weights";
        boolean cached = file.isFile();
        if (!cached && download == Download.NEVER) {
            throw new WeightsNotAvailableException(name + " are not on this machine (DL4J keeps them in " + file
                    + "). They are downloaded once, when you are online, from " + url(model, type)
                    + ": call ZooWeights.load(model, PretrainedType." + type + ", Download.IF_MISSING). Offline, start "
                    + "from the course's own base network instead: PretrainedModels.fashionCnn()", null);
        }
        try {
            return model.initPretrained(type);
        } catch (IOException | IllegalStateException e) {
            String why = cached
                    ? "Could not load " + name + " from " + file + ": " + e + ". If the file was damaged, DL4J removed it: "
                    + "load again with Download.IF_MISSING to download it again"
                    : "Could not download " + name + " from " + url(model, type) + ": " + e
                    + ". Check the internet connection and the free disk space (DL4J keeps them in " + file.getParent() + ")";
            throw new WeightsNotAvailableException(why + ", or start from the course's own base network: "
                    + "PretrainedModels.fashionCnn()", e);
        }
    }
}
