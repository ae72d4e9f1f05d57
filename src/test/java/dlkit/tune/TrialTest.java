package dlkit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TrialTest {

    static Trial trial() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("learningRate", 0.001);
        params.put("units", 64);
        params.put("activation", "relu");
        return new Trial(3, params);
    }

    @Test
    void readsEachTypeByName() {
        Trial t = trial();

        assertEquals(0.001, t.getDouble("learningRate"));
        assertEquals(64, t.getInt("units"));
        assertEquals(64.0, t.getDouble("units"), "a whole number reads as a double too");
        assertEquals("relu", t.getString("activation"));
        assertEquals(3, t.number());
    }

    @Test
    void anUnknownNameListsTheParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trial().getDouble("lr"));

        assertEquals("Trial 3 has no parameter 'lr'; the parameters are [learningRate, units, activation] "
                + "(names are case-sensitive)", e.getMessage());
    }

    @Test
    void theWrongGetterNamesTheRightOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trial().getInt("learningRate"));
        assertEquals("Parameter 'learningRate' is a double (0.001), so getInt cannot read it; "
                + "use trial.getDouble(\"learningRate\")", e.getMessage());

        assertTrue(assertThrows(IllegalArgumentException.class, () -> trial().getDouble("activation"))
                .getMessage().contains("use trial.getString(\"activation\")"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> trial().getString("units"))
                .getMessage().contains("use trial.getInt(\"units\")"));
    }

    @Test
    void paramsCannotBeChanged() {
        assertThrows(UnsupportedOperationException.class, () -> trial().params().put("units", 8));
    }

    @Test
    void printsAsNameValuePairs() {
        assertEquals("learningRate=0.001, units=64, activation=relu", trial().toString());
        Map<String, Object> small = new LinkedHashMap<>();
        small.put("lr", 3.0e-5);
        small.put("dropout", 0.28736482);
        small.put("size", 1230.0);
        assertEquals("lr=3e-5, dropout=0.2874, size=1230", new Trial(1, small).toString());
    }
}
