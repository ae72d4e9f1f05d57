package dlkit.layers;

import java.io.IOException;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.shade.jackson.databind.DeserializationContext;
import org.nd4j.shade.jackson.databind.JavaType;
import org.nd4j.shade.jackson.databind.deser.DeserializationProblemHandler;
import org.nd4j.shade.jackson.databind.jsontype.TypeIdResolver;

/**
 * Networks saved while the course's layers lived in {@code dlkit.model} name them so in their
 * configuration ({@code "@class" : "dlkit.model.Gru"}). {@link #register()} teaches DL4J's JSON reader
 * those names, so that such a file loads with {@code ModelSerializer}, {@code ModelBundle.load} or a
 * checkpoint as before. The course's kernel registers them when it starts; so do the library's loaders.
 */
public final class FormerNames {

    /** Former class name to the class that now reads it. */
    static final Map<String, Class<?>> MOVED = Map.of(
            "dlkit.model.Gru", Gru.class,
            "dlkit.model.AttentionPooling", AttentionPooling.class);

    private static boolean registered;

    private FormerNames() {
    }

    /** Adds the former names to DL4J's configuration reader (once; later calls do nothing). */
    public static synchronized void register() {
        if (registered) {
            return;
        }
        NeuralNetConfiguration.mapper().addHandler(new DeserializationProblemHandler() {
            @Override
            public JavaType handleUnknownTypeId(DeserializationContext context, JavaType baseType, String typeId,
                                                TypeIdResolver resolver, String failure) throws IOException {
                Class<?> moved = MOVED.get(typeId);
                if (moved == null || !baseType.getRawClass().isAssignableFrom(moved)) {
                    return null;
                }
                return context.getTypeFactory().constructSpecializedType(baseType, moved);
            }
        });
        registered = true;
    }
}
