package dlkit.layers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The elements of a float or double ND4J array whose elements lie one after another, in memory order
 * (row-major or column-major, as the array is), read and written from Java in place (the array's native memory, no copy). For loops whose steps are too
 * small for ND4J's operations: each operation call costs microseconds however few elements it touches.
 */
abstract class Elements {

    static Elements of(INDArray array) {
        if (!contiguous(array)) {
            throw new IllegalArgumentException("Elements needs an array whose elements lie one after another: "
                    + array.shapeInfoToString());
        }
        long length = array.length();
        if (array.dataType() == DataType.FLOAT) {
            return new Floats(floats(array));
        }
        if (array.dataType() == DataType.DOUBLE) {
            DoublePointer pointer = new DoublePointer(array.data().addressPointer());
            return new Doubles(pointer.limit(pointer.position() + length).capacity(pointer.position() + length).asBuffer());
        }
        throw new IllegalArgumentException("Elements reads float or double arrays, not " + array.dataType());
    }

    /** A float array's elements as a buffer over its memory, or {@code null} where they do not lie one after another. */
    static FloatBuffer floats(INDArray array) {
        if (array.dataType() != DataType.FLOAT || !contiguous(array)) {
            return null;
        }
        FloatPointer pointer = new FloatPointer(array.data().addressPointer());
        return pointer.limit(pointer.position() + array.length()).capacity(pointer.position() + array.length())
                .asBuffer();
    }

    /**
     * Whether the array's elements lie one after another from the start of its data buffer (whose address a
     * view's buffer already offsets to the view's first element).
     */
    private static boolean contiguous(INDArray array) {
        return array.elementWiseStride() == 1 && array.data().length() >= array.length()
                && array.length() <= Integer.MAX_VALUE;
    }

    abstract double get(int i);

    abstract void set(int i, double value);

    private static final class Floats extends Elements {
        private final FloatBuffer buffer;

        Floats(FloatBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        double get(int i) {
            return buffer.get(i);
        }

        @Override
        void set(int i, double value) {
            buffer.put(i, (float) value);
        }
    }

    private static final class Doubles extends Elements {
        private final DoubleBuffer buffer;

        Doubles(DoubleBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        double get(int i) {
            return buffer.get(i);
        }

        @Override
        void set(int i, double value) {
            buffer.put(i, value);
        }
    }
}
