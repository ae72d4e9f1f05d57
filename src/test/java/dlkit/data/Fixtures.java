package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Small hand-made tables and the assertion on error messages the data tests share. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * Twelve animals: {@code kind} cat (6), dog (4), owl (2); {@code weight} 1..12; {@code legs} 4 or 2;
     * {@code colour} red/green/blue; {@code constant} always 7.
     */
    static Table animals() {
        String[] kinds = {"cat", "dog", "cat", "owl", "cat", "dog", "cat", "dog", "owl", "cat", "dog", "cat"};
        double[] weight = new double[12];
        int[] legs = new int[12];
        String[] colours = new String[12];
        double[] constant = new double[12];
        String[] palette = {"red", "green", "blue"};
        for (int i = 0; i < 12; i++) {
            weight[i] = i + 1;
            legs[i] = kinds[i].equals("owl") ? 2 : 4;
            colours[i] = palette[i % 3];
            constant[i] = 7;
        }
        return Table.create("animals", StringColumn.create("kind", kinds), DoubleColumn.create("weight", weight),
                IntColumn.create("legs", legs), StringColumn.create("colour", colours),
                DoubleColumn.create("constant", constant));
    }

    /** Asserts that {@code call} throws {@code type} with a message containing every one of {@code parts}. */
    static <T extends Throwable> T assertFails(Class<T> type, Executable call, String... parts) {
        T e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(part),
                    () -> "message lacks '" + part + "': " + e.getMessage());
        }
        return e;
    }
}
