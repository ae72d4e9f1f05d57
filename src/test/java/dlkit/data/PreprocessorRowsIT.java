package dlkit.data;

import static dlkit.data.Fixtures.animals;
import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/** Raw rows (as a model server receives them) and the JSON form of a fitted preprocessor. */
class PreprocessorRowsIT {

    private static FittedPreprocessor classifier() {
        return Preprocessor.target("kind").features("weight", "colour", "legs").oneHot("colour").standardize()
                .fit(animals());
    }

    private static List<Map<String, Object>> rowsOf(Table table) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            Map<String, Object> row = new HashMap<>();
            row.put("weight", table.doubleColumn("weight").get(r));
            row.put("colour", table.stringColumn("colour").get(r));
            row.put("legs", table.intColumn("legs").get(r));
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> row(Object weight, Object colour, Object legs) {
        Map<String, Object> row = new HashMap<>();
        row.put("weight", weight);
        row.put("colour", colour);
        row.put("legs", legs);
        return row;
    }

    @Test
    void rawRowsGiveTheSameFeaturesAsTheTable() {
        FittedPreprocessor prep = classifier();
        assertEquals(prep.features(animals()), prep.features(rowsOf(animals())));
    }

    @Test
    void theTargetInARowIsIgnored() {
        Map<String, Object> row = row(3.0, "blue", 4);
        Map<String, Object> labelled = new HashMap<>(row);
        labelled.put("kind", "cat");
        assertEquals(classifier().features(List.of(row)), classifier().features(List.of(labelled)));
    }

    @Test
    void badRowsAreRefusedWithWhatIsWrongAndTheFix() {
        FittedPreprocessor prep = classifier();
        assertFails(InvalidInputException.class, () -> prep.features(List.of()), "no rows", "\"weight\": ");
        assertFails(InvalidInputException.class, () -> prep.features(List.of(Map.of("weight", 1.0, "colour", "red"))),
                "row 0 lacks column 'legs'");
        Map<String, Object> typo = row(1.0, "red", 4);
        typo.put("wieght", 2.0);
        assertFails(InvalidInputException.class, () -> prep.features(List.of(typo)), "'wieght'", "not an input",
                "did you mean 'weight'?");
        assertFails(InvalidInputException.class, () -> prep.features(List.of(row(1.0, "red", 4), row("heavy", "red", 4))),
                "row 1", "'weight'", "\"heavy\"", "not a number");
        assertFails(InvalidInputException.class, () -> prep.features(List.of(row("2.5", "red", 4))),
                "without quotes: 2.5");
        assertFails(InvalidInputException.class, () -> prep.features(List.of(row(null, "red", 4))), "missing (null)");
        assertFails(InvalidInputException.class, () -> prep.features(List.of(row(Double.NaN, "red", 4))), "NaN");
        assertFails(InvalidInputException.class, () -> prep.features(List.of(row(1.0, "purple", 4))),
                "'purple'", "not trained on", "[blue, green, red]");
        assertFails(InvalidInputException.class, () -> prep.features(List.of(row(1.0, List.of("red"), 4))),
                "a list", "[blue, green, red]");
        List<Map<String, Object>> withNull = new ArrayList<>();
        withNull.add(null);
        assertFails(InvalidInputException.class, () -> prep.features(withNull), "row 0 is null");
    }

    @Test
    void unknownCategoriesBecomeZerosWhenAsked() {
        FittedPreprocessor prep = Preprocessor.target("kind").features("weight", "colour").oneHot("colour")
                .ignoreUnknownCategories().fit(animals());
        assertArrayEquals(new float[]{3, 0, 0, 0},
                prep.features(List.of(Map.of("weight", 3, "colour", "purple"))).toFloatVector());
    }

    @Test
    void theJsonFormRestoresAnEqualPreprocessor() throws Exception {
        for (FittedPreprocessor prep : List.of(classifier(),
                Preprocessor.target("weight").features("legs", "colour").oneHot("colour").scaleTarget().fit(animals()),
                Preprocessor.target("kind").features("weight").positiveClass("dog")
                        .fit(animals().where(animals().stringColumn("kind").isNotEqualTo("owl"))))) {
            ObjectNode json = prep.toJson();
            FittedPreprocessor back = FittedPreprocessor.fromJson(new ObjectMapper().readTree(json.toString()));

            assertEquals(json, back.toJson());
            assertEquals(prep.toString(), back.toString());
            assertEquals(prep.features(animals()), back.features(animals()));
            Table labelled = prep.positiveClass() != null
                    ? animals().where(animals().stringColumn("kind").isNotEqualTo("owl")) : animals();
            assertEquals(prep.transform(labelled), back.transform(labelled));
        }
    }

    @Test
    void damagedJsonIsRefusedNamingTheField() throws Exception {
        ObjectNode json = classifier().toJson();
        json.remove("inputs");
        assertFails(IllegalArgumentException.class, () -> FittedPreprocessor.fromJson(json), "'inputs'");
        ObjectNode task = classifier().toJson().put("task", "clustering");
        assertFails(IllegalArgumentException.class, () -> FittedPreprocessor.fromJson(task), "'clustering'");
    }
}
