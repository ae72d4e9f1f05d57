package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Filters and feature maps from ND4J arrays, drawn headless: these need the native backend. */
class ImageChartsIT {

    @Test
    void filtersOfOneInputChannelFillRowsOfEight() {
        INDArray weights = Nd4j.rand(DataType.FLOAT, 10, 1, 5, 5).subi(0.5);

        BufferedImage image = ImageCharts.filters(weights);

        // 5x5 filters enlarged 19 times; 8 in the first row, 2 in the second.
        assertTrue(image.getWidth() >= 8 * 95 && image.getWidth() < 8 * 95 + 200, "width " + image.getWidth());
        assertTrue(image.getHeight() >= 2 * 95, "height " + image.getHeight());
        assertTrue(ImageChartsTest.inks(image)[0] > 10 * 95 * 95 / 2);
    }

    @Test
    void filtersOfSeveralChannelsShowOneRowPerFilter() {
        BufferedImage image = ImageCharts.filters(Nd4j.rand(DataType.FLOAT, 2, 3, 3, 3));

        assertTrue(image.getWidth() >= 3 * 96 && image.getWidth() < 4 * 96 + 200, "width " + image.getWidth());
        assertTrue(image.getHeight() >= 2 * 96 && image.getHeight() < 3 * 96 + 80, "height " + image.getHeight());
        assertTrue(ImageChartsTest.inks(image)[0] > 0);
    }

    @Test
    void flatImagesAreDrawnInOneRowPerArray() {
        Map<String, INDArray> rows = new LinkedHashMap<>();
        rows.put("original", Nd4j.rand(DataType.FLOAT, 5, 16));
        rows.put("reconstructed", Nd4j.zeros(DataType.FLOAT, 4, 16));

        BufferedImage image = Plots.imageRows("Reconstructions", 4, rows, 3);

        assertTrue(image.getWidth() >= 3 * 96 && image.getWidth() < 4 * 96 + 200, "three columns: " + image.getWidth());
        assertTrue(image.getHeight() >= 2 * 96 && image.getHeight() < 3 * 96 + 120, "two rows: " + image.getHeight());
        IllegalArgumentException notSquare = assertThrows(IllegalArgumentException.class,
                () -> Plots.imageRows("t", 5, rows, 3));
        assertTrue(notSquare.getMessage().contains("row 'original' has shape [5, 16]; it needs [at least 3, 25]"),
                notSquare.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.imageRows("t", 4, rows, 5), "only 4 reconstructions");
    }

    @Test
    void flatImagesWithCaptionsFillAGrid() {
        BufferedImage image = Plots.images("Generated", 4, Nd4j.rand(DataType.FLOAT, 6, 16),
                java.util.List.of("1", "2", "3", "4", "5", "?"), 3);

        assertTrue(image.getWidth() >= 3 * 96 && image.getWidth() < 4 * 96 + 200, "three columns: " + image.getWidth());
        assertTrue(image.getHeight() >= 2 * 96 && image.getHeight() < 3 * 96 + 120, "two rows: " + image.getHeight());
        IllegalArgumentException wrongSide = assertThrows(IllegalArgumentException.class,
                () -> Plots.images("t", 5, Nd4j.rand(DataType.FLOAT, 6, 16), java.util.List.of("a"), 3));
        assertEquals("gridOf('t'): pixels have shape [6, 16]; they need [n, 25], one flat 5x5 image per row",
                wrongSide.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Plots.images("t", 4, Nd4j.rand(DataType.FLOAT, 6, 16), java.util.List.of("a"), 3), "one caption");
    }

    @Test
    void featureMapsShowEachChannel() {
        INDArray activations = Nd4j.rand(DataType.FLOAT, 1, 4, 12, 12);
        activations.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(3))
                .assign(0);

        BufferedImage image = ImageCharts.featureMaps(activations);

        assertTrue(image.getWidth() >= 4 * 96, "width " + image.getWidth());
        assertTrue(image.getHeight() >= 96 && image.getHeight() < 2 * 96 + 80, "height " + image.getHeight());
        assertTrue(ImageChartsTest.inks(image)[0] > 4 * 96 * 96 / 2);
        assertEquals(image.getWidth(), ImageCharts.featureMaps(activations.slice(0)).getWidth(),
                "[channels, h, w] draws as [1, channels, h, w]");
    }

    @Test
    void filtersOfTheWrongRankAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageCharts.filters(Nd4j.rand(DataType.FLOAT, 784, 10)));
        assertTrue(e.getMessage().contains("shape [784, 10]"), e.getMessage());
        assertTrue(e.getMessage().contains("getParam(\"W\")"), e.getMessage());
    }

    @Test
    void featureMapsOfTheWrongRankAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageCharts.featureMaps(Nd4j.rand(DataType.FLOAT, 2, 10)));
        assertTrue(e.getMessage().contains("shape [2, 10]"), e.getMessage());
        assertTrue(e.getMessage().contains("[1, 1, 28, 28]"), e.getMessage());
    }

    @Test
    void nanWeightsAreNamed() {
        INDArray weights = Nd4j.zeros(DataType.FLOAT, 2, 1, 3, 3);
        weights.putScalar(new long[]{1, 0, 2, 1}, Float.NaN);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageCharts.filters(weights));
        assertTrue(e.getMessage().contains("filter 1, channel 0 is NaN at row 2, column 1"), e.getMessage());
    }
}
