package dlkit.data;

import static dlkit.data.Fixtures.animals;
import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The fitting and the arithmetic, on plain arrays; the ND4J side is in PreprocessorIT. */
class PreprocessorTest {

    private static Table table(String name, double[] x, String[] colour, String[] label) {
        return Table.create(name, DoubleColumn.create("x", x), StringColumn.create("colour", colour),
                StringColumn.create("label", label));
    }

    /** x 1, 2, 3, 6 (mean 3, std sqrt(3.5)); colours red/blue; labels yes/no. */
    private static Table train() {
        return table("train", new double[]{1, 2, 3, 6}, new String[]{"red", "blue", "red", "blue"},
                new String[]{"yes", "no", "no", "yes"});
    }

    @Test
    void standardizeUsesTheStatisticsOfTheFittedTableOnly() {
        FittedPreprocessor prep = Preprocessor.target("label").features("x").standardize().fit(train());
        Table test = table("test", new double[]{3, 100}, new String[]{"red", "red"}, new String[]{"yes", "no"});

        float[][] features = prep.featureMatrix(test);

        double std = Math.sqrt(3.5);
        assertEquals(0, features[0][0], 1e-6);
        assertEquals((100 - 3) / std, features[1][0], 1e-4);
    }

    @Test
    void minMaxMapsTheTrainingRangeToZeroOne() {
        FittedPreprocessor prep = Preprocessor.target("label").features("x").minMax().fit(train());

        float[][] features = prep.featureMatrix(train());

        assertArrayEquals(new float[]{0f, 0.2f, 0.4f, 1f},
                new float[]{features[0][0], features[1][0], features[2][0], features[3][0]}, 1e-6f);
    }

    @Test
    void withoutScalingNumbersPassUnchanged() {
        FittedPreprocessor prep = Preprocessor.target("label").features("x").fit(train());

        assertEquals(6f, prep.featureMatrix(train())[3][0]);
    }

    @Test
    void aConstantColumnBecomesZeroNotNaN() {
        FittedPreprocessor standard = Preprocessor.target("kind").features("constant").standardize().fit(animals());
        FittedPreprocessor minMax = Preprocessor.target("kind").features("constant").minMax().fit(animals());

        assertEquals(0f, standard.featureMatrix(animals())[5][0]);
        assertEquals(0f, minMax.featureMatrix(animals())[5][0]);
    }

    @Test
    void oneHotColumnsExpandInPlaceWithSortedCategories() {
        FittedPreprocessor prep = Preprocessor.target("label").features("colour", "x").oneHot("colour").fit(train());

        assertEquals(List.of("colour=blue", "colour=red", "x"), prep.featureNames());
        assertEquals(3, prep.numInputs());
        assertArrayEquals(new float[]{0, 1, 1}, prep.featureMatrix(train())[0]);
        assertArrayEquals(new float[]{1, 0, 2}, prep.featureMatrix(train())[1]);
    }

    @Test
    void numberColumnsCanBeOneHotEncodedInNumericOrder() {
        Table table = Table.create("t", IntColumn.create("code", new int[]{10, 9, 10}),
                StringColumn.create("label", new String[]{"a", "b", "a"}));

        FittedPreprocessor prep = Preprocessor.target("label").oneHot("code").fit(table);

        assertEquals(List.of("code=9", "code=10"), prep.featureNames());
    }

    @Test
    void withoutFeaturesEveryOtherColumnIsOne() {
        FittedPreprocessor prep = Preprocessor.target("kind").oneHot("colour").standardize().fit(animals());

        assertEquals(List.of("weight", "legs", "colour=blue", "colour=green", "colour=red", "constant"),
                prep.featureNames());
    }

    @Test
    void classesAreSortedAndLabelsOneHot() {
        FittedPreprocessor prep = Preprocessor.target("label").features("x").fit(train());

        assertEquals(List.of("no", "yes"), prep.classes());
        assertEquals(2, prep.numOutputs());
        assertFalse(prep.regression());
        assertEquals("label", prep.target());
        assertArrayEquals(new float[]{0, 1}, prep.labelMatrix(train())[0]);
        assertArrayEquals(new float[]{1, 0}, prep.labelMatrix(train())[1]);
    }

    @Test
    void classesCanBeGivenInAnOrderOfOwnIncludingAbsentOnes() {
        FittedPreprocessor prep = Preprocessor.target("label").features("x").classes("yes", "maybe", "no").fit(train());

        assertEquals(List.of("yes", "maybe", "no"), prep.classes());
        assertArrayEquals(new float[]{0, 0, 1}, prep.labelMatrix(train())[1]);
    }

    @Test
    void aPositiveClassMakesOneZeroOneLabelColumnWithThatClassSecond() {
        FittedPreprocessor prep = Preprocessor.target("label").features("x").positiveClass("no").fit(train());

        assertEquals(List.of("yes", "no"), prep.classes());
        assertEquals(1, prep.numOutputs());
        assertEquals("no", prep.positiveClass());
        float[][] labels = prep.labelMatrix(train());
        assertArrayEquals(new float[]{0, 1, 1, 0}, new float[]{labels[0][0], labels[1][0], labels[2][0], labels[3][0]});
        assertEquals(1, labels[0].length);
    }

    @Test
    void aPositiveClassThatSortsSecondKeepsTheSortedOrder() {
        FittedPreprocessor prep = Preprocessor.target("label").features("x").positiveClass("yes").fit(train());

        assertEquals(List.of("no", "yes"), prep.classes());
        assertArrayEquals(new float[]{1}, prep.labelMatrix(train())[0]);
    }

    @Test
    void aPositiveClassNeedsExactlyTwoClassesIncludingIt() {
        Preprocessor plan = Preprocessor.target("label").features("x");

        assertFails(IllegalArgumentException.class, () -> plan.positiveClass("maybe").fit(train()),
                "positiveClass(\"maybe\")", "[no, yes]");
        assertFails(IllegalArgumentException.class,
                () -> plan.classes("yes", "maybe", "no").positiveClass("yes").fit(train()), "two classes",
                "[yes, maybe, no]");
        assertFails(IllegalArgumentException.class, () -> plan.positiveClass(" "), "name the class");
    }

    @Test
    void aPositiveClassAndRegressionExcludeEachOther() {
        Preprocessor plan = Preprocessor.target("weight").features("legs").regression().positiveClass("heavy");

        assertFails(IllegalArgumentException.class, () -> plan.fit(animals()), "positiveClass(\"heavy\")",
                "regression()");
    }

    @Test
    void aScaledRegressionTargetComesBackInItsUnits() {
        FittedPreprocessor prep = Preprocessor.target("weight").features("legs").scaleTarget().fit(animals());

        float[][] labels = prep.labelMatrix(animals());
        assertTrue(prep.regression());
        assertEquals(1, prep.numOutputs());
        assertEquals(List.of(), prep.classes());
        assertEquals((1 - 6.5) / Math.sqrt(143 / 12.0), labels[0][0], 1e-5);
        assertArrayEquals(new double[]{1, 12}, prep.unscaleTarget(new double[]{labels[0][0], labels[11][0]}), 1e-5);
    }

    @Test
    void anUnscaledRegressionTargetIsUsedAsItIs() {
        FittedPreprocessor prep = Preprocessor.target("weight").features("legs").regression().fit(animals());

        assertEquals(12f, prep.labelMatrix(animals())[11][0]);
        assertArrayEquals(new double[]{2.5}, prep.unscaleTarget(new double[]{2.5}));
    }

    @Test
    void aPlanIsImmutableAndDescribesItself() {
        Preprocessor plan = Preprocessor.target("label");
        Preprocessor scaled = plan.features("x").standardize();

        assertEquals("Preprocessor(target label, features all others, scaling none)", plan.toString());
        assertEquals("Preprocessor(target label, features [x], scaling standardize)", scaled.toString());
        assertTrue(scaled.fit(train()).toString().contains("1 inputs [x], 2 classes [no, yes]"));
    }

    // Bad input: each names the offending value and the fix.

    @Test
    void anUnknownFeatureListsTheTablesColumns() {
        assertFails(IllegalArgumentException.class,
                () -> Preprocessor.target("label").features("y").fit(train()),
                "column 'y'", "[x, colour, label]");
    }

    @Test
    void anUnknownTargetListsTheTablesColumns() {
        assertFails(IllegalArgumentException.class, () -> Preprocessor.target("species").fit(train()),
                "column 'species'", "[x, colour, label]");
    }

    @Test
    void aTextFeatureMustBeOneHotEncoded() {
        assertFails(IllegalArgumentException.class, () -> Preprocessor.target("label").fit(train()),
                "column 'colour'", "STRING", "oneHot(\"colour\")");
    }

    @Test
    void aMissingValueIsNamedByColumnAndRowWithTheFix() {
        Table gaps = train();
        gaps.doubleColumn("x").setMissing(2);

        assertFails(IllegalArgumentException.class,
                () -> Preprocessor.target("label").features("x").fit(gaps),
                "Column 'x'", "missing", "row 2", "Tables.dropMissing(table, \"x\", \"label\")");
    }

    @Test
    void aMissingValueIsAlsoCaughtWhenTransforming() {
        FittedPreprocessor prep = Preprocessor.target("label").features("x").fit(train());
        Table gaps = train();
        gaps.doubleColumn("x").set(3, Double.NaN);

        assertFails(IllegalArgumentException.class, () -> prep.featureMatrix(gaps), "Column 'x'", "row 3",
                "Tables.dropMissing");
    }

    @Test
    void anUnseenCategoryIsRefusedWithTheFix() {
        FittedPreprocessor prep = Preprocessor.target("label").features("colour").oneHot("colour").fit(train());
        Table test = table("test", new double[]{1}, new String[]{"green"}, new String[]{"yes"});

        assertFails(IllegalArgumentException.class, () -> prep.featureMatrix(test),
                "'green'", "row 0", "[blue, red]", "ignoreUnknownCategories()");
    }

    @Test
    void anUnseenCategoryCanBeEncodedAsZeros() {
        FittedPreprocessor prep = Preprocessor.target("label").features("colour").oneHot("colour")
                .ignoreUnknownCategories().fit(train());
        Table test = table("test", new double[]{1}, new String[]{"green"}, new String[]{"yes"});

        assertArrayEquals(new float[]{0, 0}, prep.featureMatrix(test)[0]);
    }

    @Test
    void aLabelOutsideTheClassesIsRefused() {
        FittedPreprocessor prep = Preprocessor.target("label").features("x").fit(train());
        Table test = table("test", new double[]{1}, new String[]{"red"}, new String[]{"maybe"});

        assertFails(IllegalArgumentException.class, () -> prep.labelMatrix(test),
                "Label 'maybe'", "row 0", "[no, yes]", "classes(...)");
    }

    @Test
    void aTrainingLabelOutsideGivenClassesIsRefusedAtFit() {
        assertFails(IllegalArgumentException.class,
                () -> Preprocessor.target("label").features("x").classes("yes").fit(train()),
                "Label 'no'", "given to classes(...)");
    }

    @Test
    void aTextTargetCannotBeARegressionTarget() {
        assertFails(IllegalArgumentException.class,
                () -> Preprocessor.target("label").features("x").regression().fit(train()),
                "column 'label'", "not numbers", "leave out regression()");
    }

    @Test
    void theTargetIsNoFeature() {
        assertFails(IllegalArgumentException.class, () -> Preprocessor.target("label").features("x", "label"),
                "includes 'label'", "leave it out");
    }

    @Test
    void aOneHotColumnMustBeAFeature() {
        assertFails(IllegalArgumentException.class,
                () -> Preprocessor.target("label").features("x").oneHot("colour").fit(train()),
                "oneHot column 'colour'", "[x]", "add it to features(...)");
    }

    @Test
    void anEmptyTableCannotBeFitted() {
        assertFails(IllegalArgumentException.class,
                () -> Preprocessor.target("label").features("x").fit(train().emptyCopy()),
                "has no rows");
    }

    @Test
    void aBlankTargetIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Preprocessor.target(" "), "Preprocessor.target(' ')",
                "Preprocessor.target(\"species\")");
    }

    @Test
    void unscalingAClassTargetIsACallInTheWrongState() {
        FittedPreprocessor prep = Preprocessor.target("label").features("x").fit(train());

        assertFails(IllegalStateException.class, () -> prep.unscaleTarget(new double[]{1}),
                "'label' is a class", "regression()");
    }

    @Test
    void emptyOrRepeatedSettingsAreRefused() {
        assertFails(IllegalArgumentException.class, () -> Preprocessor.target("label").features(),
                "at least one column");
        assertFails(IllegalArgumentException.class, () -> Preprocessor.target("label").features("x", "x"),
                "names a column twice");
        assertFails(IllegalArgumentException.class, () -> Preprocessor.target("label").oneHot(), "oneHot(\"island\")");
        assertFails(IllegalArgumentException.class, () -> Preprocessor.target("label").oneHot("label"),
                "'label', the target");
        assertFails(IllegalArgumentException.class, () -> Preprocessor.target("label").classes("a", "a"),
                "each once");
    }
}
