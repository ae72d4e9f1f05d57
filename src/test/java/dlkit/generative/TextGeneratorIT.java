package dlkit.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import dlkit.data.CharVocabulary;
import dlkit.data.CharWindows;

/** Text written by a trained character-level model. */
class TextGeneratorIT {

    @Test
    void aTrainedModelContinuesAPatternAndTheSeedRepeatsTheText() {
        String text = "hello world. ".repeat(40);
        CharVocabulary chars = CharVocabulary.of(text);
        DataSet data = CharWindows.of(text, chars, 20, 5);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1)
                .updater(new Adam(0.02))
                .list()
                .layer(new LSTM.Builder().nOut(32).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(chars.size())
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(chars.size()))
                .build());
        net.init();
        for (int epoch = 0; epoch < 60; epoch++) {
            net.fit(data);
        }
        assertEquals("o world. hello", TextGenerator.generate(net, chars, "hell", 14, 0, 7), "greedy continuation");
        assertEquals(TextGenerator.generate(net, chars, "wor", 30, 1.0, 5), TextGenerator.generate(net, chars, "wor", 30, 1.0, 5),
                "the same seed writes the same text");
        var unknown = assertThrows(IllegalArgumentException.class, () -> TextGenerator.generate(net, chars, "Hello", 5, 1, 1));
        assertTrue(unknown.getMessage().contains("'H'"), unknown.getMessage());
    }

    @Test
    void aTransformerWritesFromAWindowOfItsOwnLength() {
        String text = "hello world. ".repeat(40);
        CharVocabulary chars = CharVocabulary.of(text);   // 9 characters
        DataSet data = CharWindows.of(text, chars, 12, 3);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1)
                .updater(new Adam(0.01))
                .list()
                .layer(new dlkit.layers.Positions.Builder().build())
                .layer(new dlkit.layers.TransformerBlock.Builder().heads(3).causal(true).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(chars.size())
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(chars.size(), 12))
                .build());
        net.init();
        for (int epoch = 0; epoch < 150; epoch++) {
            net.fit(data);
        }
        // The prompt is shorter than the window (padded with spaces in front), the text written longer than it.
        assertEquals("orld. hello world. hel", TextGenerator.generate(net, chars, "hello w", 22, 0, 7), "greedy continuation");
        assertEquals(TextGenerator.generate(net, chars, "wor", 30, 1.0, 5), TextGenerator.generate(net, chars, "wor", 30, 1.0, 5),
                "the same seed writes the same text");
        var unknown = assertThrows(IllegalArgumentException.class, () -> TextGenerator.generate(net, chars, "Hello", 5, 1, 1));
        assertTrue(unknown.getMessage().contains("'H'"), unknown.getMessage());
    }
}
