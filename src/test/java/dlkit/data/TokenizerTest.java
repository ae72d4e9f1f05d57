package dlkit.data;

import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void tokensAreLowerCaseWordsWithoutPunctuationOrTags() {
        assertEquals(List.of("great", "coffee", "don't", "miss", "it", "quoted", "a1"),
                Tokenizer.tokens("Great coffee!!  Don't miss it.<br /><br />'Quoted', A1"));
    }

    @Test
    void blankTextHasNoTokens() {
        assertEquals(List.of(), Tokenizer.tokens("  ...  "));
        assertEquals(List.of(), Tokenizer.tokens(null));
    }

    @Test
    void fitKeepsTheMostFrequentWordsWithTiesAlphabetical() {
        Vocabulary vocabulary = Tokenizer.fit(List.of("b a c", "a b", "d a"), 2);

        assertEquals(List.of("<pad>", "<unk>", "a", "b"), vocabulary.words());
        assertEquals(4, vocabulary.size());
        assertEquals(3, vocabulary.count("a"));
        assertEquals(0, vocabulary.count("c"));
    }

    @Test
    void tiesAreBrokenAlphabeticallyWhateverTheTextOrder() {
        assertEquals(Tokenizer.fit(List.of("zeta alpha mid"), 3).words(),
                Tokenizer.fit(List.of("mid zeta", "alpha"), 3).words());
        assertEquals(List.of("<pad>", "<unk>", "alpha", "mid"), Tokenizer.fit(List.of("zeta alpha mid"), 2).words());
    }

    @Test
    void aNonPositiveMaxWordsIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Tokenizer.fit(List.of("a"), 0),
                "maxWords 0", "positive", "e.g. 10000");
    }

    @Test
    void textsWithoutWordsAreRefused() {
        assertFails(IllegalArgumentException.class, () -> Tokenizer.fit(List.of("!!", ""), 10),
                "the 2 texts hold no word", "training texts");
    }
}
