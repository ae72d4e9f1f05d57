package dlkit.data;

import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import dlkit.data.Sequences.Side;

class SequencesTest {

    private static final int[] IDS = {5, 6, 7};

    @Test
    void shortSequencesArePaddedAtTheStartByDefault() {
        assertArrayEquals(new int[]{0, 0, 5, 6, 7}, Sequences.padOrTruncate(IDS, 5));
    }

    @Test
    void longSequencesKeepTheirEndByDefault() {
        assertArrayEquals(new int[]{6, 7}, Sequences.padOrTruncate(IDS, 2));
    }

    @Test
    void postPaddingAndPostTruncatingWorkOnTheEnd() {
        assertArrayEquals(new int[]{5, 6, 7, 0}, Sequences.padOrTruncate(IDS, 4, Side.POST, Side.POST));
        assertArrayEquals(new int[]{5, 6}, Sequences.padOrTruncate(IDS, 2, Side.POST, Side.POST));
        assertArrayEquals(new int[]{5, 6, 7}, Sequences.padOrTruncate(IDS, 3, Side.POST, Side.PRE));
    }

    @Test
    void aLengthOfZeroIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Sequences.padOrTruncate(IDS, 0),
                "Sequence length 0", "must be positive", "e.g. 100");
    }

    @Test
    void aNegativeLengthIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Sequences.padOrTruncate(IDS, -3, Side.POST, Side.POST),
                "Sequence length -3", "must be positive");
    }
}
