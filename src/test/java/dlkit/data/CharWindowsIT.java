package dlkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Character sequences for a language model. */
class CharWindowsIT {

    @Test
    void windowsAreOneHotAndLabelsAreTheNextCharacter() {
        CharVocabulary chars = CharVocabulary.of("abcd");
        DataSet data = CharWindows.of("abcdab", chars, 3, 2); // "abc"->"bcd", "cda"->"dab"
        assertArrayEquals(new long[]{2, 4, 3}, data.getFeatures().shape());
        assertArrayEquals(new long[]{2, 4, 3}, data.getLabels().shape());
        assertEquals("abc", decode(data.getFeatures(), 0, chars));
        assertEquals("bcd", decode(data.getLabels(), 0, chars));
        assertEquals("cda", decode(data.getFeatures(), 1, chars));
        assertEquals("dab", decode(data.getLabels(), 1, chars));
        assertEquals(6.0, data.getFeatures().sumNumber().doubleValue(), "exactly one 1 per step");
    }

    private static String decode(INDArray oneHot, int example, CharVocabulary chars) {
        StringBuilder s = new StringBuilder();
        for (int t = 0; t < oneHot.size(2); t++) {
            s.append(chars.character(oneHot.get(NDArrayIndex.point(example),
                    NDArrayIndex.all(), NDArrayIndex.point(t)).argMax().getInt(0)));
        }
        return s.toString();
    }

    @Test
    void windowsExplainBadInput() {
        CharVocabulary chars = CharVocabulary.of("abc");
        var tooShort = assertThrows(IllegalArgumentException.class, () -> CharWindows.of("abc", chars, 3, 1));
        assertTrue(tooShort.getMessage().contains("too short"), tooShort.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> CharWindows.of("abcx", chars, 2, 1));
        assertTrue(unknown.getMessage().contains("'x'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CharWindows.of("abcabc", chars, 0, 1));
    }

    @Test
    void oneHotEncodesAPrompt() {
        CharVocabulary chars = CharVocabulary.of("ab");
        assertArrayEquals(new float[]{0, 1, 1, 0}, CharWindows.oneHot("ba", chars).reshape(4).toFloatVector());
        assertThrows(IllegalArgumentException.class, () -> CharWindows.oneHot("", chars));
    }
}
