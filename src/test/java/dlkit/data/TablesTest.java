package dlkit.data;

import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TablesTest {

    private static Table withGaps() {
        StringColumn name = StringColumn.create("name", new String[]{"a", "b", "c", "d"});
        name.set(1, (String) null);
        DoubleColumn x = DoubleColumn.create("x", new double[]{1, 2, Double.NaN, 4});
        return Table.create("gaps", name, x);
    }

    @Test
    void dropMissingWithoutColumnsChecksEveryColumn() {
        Table complete = Tables.dropMissing(withGaps());

        assertEquals(2, complete.rowCount());
        assertEquals("a", complete.stringColumn("name").get(0));
        assertEquals(4.0, complete.doubleColumn("x").get(1));
        assertEquals("gaps", complete.name());
    }

    @Test
    void dropMissingChecksOnlyTheNamedColumns() {
        Table complete = Tables.dropMissing(withGaps(), "x");

        assertEquals(3, complete.rowCount());
        assertEquals(4, withGaps().rowCount());
    }

    @Test
    void dropMissingOfAnUnknownColumnListsTheColumns() {
        assertFails(IllegalArgumentException.class, () -> Tables.dropMissing(withGaps(), "y"),
                "column 'y'", "[name, x]");
    }

    @Test
    void rowsKeepTheGivenOrder() {
        Table picked = Tables.rows(withGaps(), new int[]{3, 0}, "picked");

        assertEquals(4.0, picked.doubleColumn("x").get(0));
        assertEquals(1.0, picked.doubleColumn("x").get(1));
        assertEquals("picked", picked.name());
    }
}
