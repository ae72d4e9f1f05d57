package dlkit.data;

import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class VocabularyTest {

    private static Vocabulary vocabulary() {
        return Tokenizer.fit(List.of("the cat sat", "the dog sat", "the end"), 3);
    }

    @Test
    void wordsAreIndexedFromTwoWithPaddingAndUnknownFirst() {
        Vocabulary vocabulary = vocabulary();

        assertEquals("<pad>", vocabulary.word(Vocabulary.PAD));
        assertEquals("<unk>", vocabulary.word(Vocabulary.UNK));
        assertEquals(2, vocabulary.index("the"));
        assertEquals(3, vocabulary.index("sat"));
        assertEquals(Vocabulary.UNK, vocabulary.index("zebra"));
    }

    @Test
    void encodeMapsUnknownWordsToOne() {
        assertArrayEquals(new int[]{2, 4, 2, 1, 3}, vocabulary().encode("The cat, the DOG... sat"));
    }

    @Test
    void encodeAllEncodesEachText() {
        List<int[]> encoded = vocabulary().encodeAll(List.of("the", "sat the"));

        assertArrayEquals(new int[]{2}, encoded.get(0));
        assertArrayEquals(new int[]{3, 2}, encoded.get(1));
    }

    @Test
    void decodeSkipsPaddingAndShowsUnknownWords() {
        assertEquals("the <unk> sat", vocabulary().decode(new int[]{0, 0, 2, 1, 3}));
    }

    @Test
    void describesItself() {
        assertTrue(vocabulary().toString().startsWith("Vocabulary of 5 tokens: [<pad>, <unk>, the, sat, cat]"));
    }

    @Test
    void anIndexOutsideTheVocabularyIsRefused() {
        assertFails(IllegalArgumentException.class, () -> vocabulary().decode(new int[]{2, 9}),
                "Index 9", "0..4", "indices this vocabulary produced");
    }

    @Test
    void aVocabularyMadeElsewhereKeepsItsOrderAfterPaddingAndUnknown() {
        Vocabulary given = Vocabulary.of(List.of("great", "coffee", "tea"));
        assertEquals(5, given.size());
        assertEquals(3, given.index("coffee"));
        assertEquals(Vocabulary.UNK, given.index("milk"));
        assertArrayEquals(new int[]{2, 1, 4}, given.encode("Great milk, tea"));
        assertFails(IllegalArgumentException.class, () -> Vocabulary.of(List.of("tea", "cup", "tea")),
                "'tea' appears twice", "at 0 and 2");
        assertFails(IllegalArgumentException.class, () -> Vocabulary.of(List.of("tea", " ")), "Word 1", "blank");
    }
}
