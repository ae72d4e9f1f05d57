package dlkit.data;

import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CharVocabularyTest {

    private static final CharVocabulary ABC = CharVocabulary.of("cab, bac\n");

    @Test
    void charactersAreIndexedInUnicodeOrder() {
        assertEquals("\n ,abc", ABC.chars());
        assertEquals(6, ABC.size());
        assertEquals(3, ABC.index('a'));
        assertEquals('c', ABC.character(5));
        assertEquals("CharVocabulary of 6 characters", ABC.toString());
    }

    @Test
    void encodeAndDecodeRoundTrip() {
        int[] ids = ABC.encode("a cab\n");

        assertArrayEquals(new int[]{3, 1, 5, 3, 4, 0}, ids);
        assertEquals("a cab\n", ABC.decode(ids));
    }

    @Test
    void anUnknownCharacterIsNamedWithItsPosition() {
        assertFails(IllegalArgumentException.class, () -> ABC.encode("abz"),
                "'z' (U+007A)", "position 2", "CharVocabulary.of(text)");
    }

    @Test
    void anUnknownCharacterIsRefusedByIndex() {
        assertFails(IllegalArgumentException.class, () -> ABC.index('!'), "'!' (U+0021)", "not in the vocabulary");
    }

    @Test
    void anIndexOutsideTheVocabularyIsRefused() {
        assertFails(IllegalArgumentException.class, () -> ABC.decode(new int[]{6}), "Index 6", "0..5");
    }

    @Test
    void anEmptyTextIsRefused() {
        assertFails(IllegalArgumentException.class, () -> CharVocabulary.of(""), "text is empty",
                "Datasets.text(");
    }
}
