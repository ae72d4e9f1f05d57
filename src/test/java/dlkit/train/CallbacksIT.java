package dlkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class CallbacksIT {

    private final DataSet train = TrainFixtures.blobs(120, 1);
    private final DataSet validation = TrainFixtures.blobs(60, 2);

    @Test
    void checkpointsAreWrittenAtomicallyAndLoadBack(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = TrainFixtures.classifier();
        Checkpoint checkpoint = Checkpoint.to(dir.resolve("models/blobs.zip"));
        Learner.fit(net, TrainFixtures.iterator(train, 30), FitOptions.epochs(3).callbacks(checkpoint).quiet());
        assertEquals(3, checkpoint.saves());
        try (var files = Files.list(dir.resolve("models"))) {
            assertEquals(1, files.count(), "no temporary files are left behind");
        }
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(checkpoint.file().toFile());
        assertEquals(net.params(), loaded.params());
    }

    @Test
    void aBestOnlyCheckpointSavesOnlyOnImprovement(@TempDir Path dir) {
        Checkpoint checkpoint = Checkpoint.to(dir.resolve("best.zip")).bestOf(Metric.VAL_LOSS);
        History h = Learner.fit(TrainFixtures.classifier(), TrainFixtures.iterator(train, 30),
                FitOptions.epochs(4).validation(validation).callbacks(checkpoint).quiet());
        double[] v = h.values(Metric.VAL_LOSS);
        int improvements = 1;
        double best = v[0];
        for (int i = 1; i < v.length; i++) {
            if (v[i] < best) {
                best = v[i];
                improvements++;
            }
        }
        assertEquals(improvements, checkpoint.saves());
        assertTrue(Files.exists(checkpoint.file()));
    }

    @Test
    void aCheckpointThatCannotBeSavedStopsTrainingByAFlagAndKeepsTheHistory(@TempDir Path dir) throws Exception {
        // A folder whose parent is a regular file cannot be made, even by root (unlike a read-only folder).
        Path notAFolder = Files.writeString(dir.resolve("notes.txt"), "not a folder");
        Checkpoint checkpoint = Checkpoint.to(notAFolder.resolve("model.zip"));
        Callback laterStop = new Callback() {
            @Override
            public void onEpochEnd(TrainingContext context, EpochResult result) {
                context.stop("a later callback stops too"); // must not hide the failure
            }
        };
        MultiLayerNetwork net = TrainFixtures.classifier();

        History history = Learner.fit(net, TrainFixtures.iterator(train, 30),
                FitOptions.epochs(5).callbacks(checkpoint, laterStop).quiet());

        assertEquals(StopReason.CHECKPOINT_FAILED, history.stop());
        assertEquals(1, history.epochCount());
        assertEquals(0, checkpoint.saves());
        assertTrue(history.message().startsWith("Checkpoint: Could not save the model to " + notAFolder.toAbsolutePath()
                + "/model.zip: " + notAFolder.toAbsolutePath() + " is a file, not a folder"), history.message());
        assertTrue(history.message().contains("Training stopped after epoch 1, which could not be saved"),
                history.message());
        assertFalse(history.message().contains("Exception"), history.message());
        assertEquals(120, net.output(train.getFeatures()).rows());
    }

    @Test
    void schedulesGiveTheirRatesEpochByEpoch() {
        History exp = Learner.fit(TrainFixtures.classifier(), TrainFixtures.iterator(train, 30),
                FitOptions.epochs(3).callbacks(LearningRates.exponential(0.1, 0.5)).quiet());
        assertArrayEquals(new double[]{0.1, 0.05, 0.025}, exp.values(Metric.LEARNING_RATE), 1e-12);
        History cos = Learner.fit(TrainFixtures.classifier(), TrainFixtures.iterator(train, 30),
                FitOptions.epochs(3).callbacks(LearningRates.cosine(0.1, 0.01, 3)).quiet());
        // halfway along the cosine: 0.01 + 0.09 * (1 + cos(pi/2)) / 2 = 0.055
        assertArrayEquals(new double[]{0.1, 0.055, 0.01}, cos.values(Metric.LEARNING_RATE), 1e-12);
    }

    @Test
    void aLogProgressBarWritesOneLinePerEpochNotPerBatch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Learner.fit(TrainFixtures.classifier(), TrainFixtures.iterator(train, 10),
                FitOptions.epochs(3).quiet().callbacks(ProgressBar.to(out, ProgressBar.Target.LOG)));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("epoch 1/3  loss "), lines[0]);
        assertTrue(lines[3].startsWith("done: 3 epochs in "), lines[3]);
    }

    @Test
    void aTerminalProgressBarRedrawsOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Learner.fit(TrainFixtures.classifier(), TrainFixtures.iterator(train, 10),
                FitOptions.epochs(2).quiet().callbacks(ProgressBar.to(out, ProgressBar.Target.TERMINAL)));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.chars().filter(c -> c == '\n').count(), "only the final line ends with a newline");
        assertTrue(text.contains("\repoch 2/2 ██████████████████████████████ 12/12"), text);
        assertTrue(text.contains("done: 2 epochs"), text);
        assertFalse(text.contains("NaN"), text);
    }
}
