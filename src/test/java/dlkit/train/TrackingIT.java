package dlkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import tech.tablesaw.api.Table;

import dlkit.track.LocalRuns;
import dlkit.track.MlflowServer;
import dlkit.track.Run;
import dlkit.track.RunStatus;
import dlkit.track.Tracker;
import dlkit.tune.Search;
import dlkit.tune.SearchResults;
import dlkit.tune.SearchSpace;

/** Runs recorded by {@code Learner.fit} and by a search, in a local folder and on a real MLflow server. */
class TrackingIT {

    @TempDir
    Path dir;

    private final DataSet train = TrainFixtures.blobs(200, 1);
    private final DataSet validation = TrainFixtures.blobs(100, 2);

    private History fit(MultiLayerNetwork net, Tracker tracker, int hidden) {
        return Learner.fit(net, TrainFixtures.iterator(train, 20), FitOptions.epochs(3).validation(validation)
                .metrics(Metric.VAL_ACCURACY).quiet().track(tracker, "blobs").param("hidden", hidden));
    }

    @Test
    void aTrackedFitIsRecordedInTheLocalFolder() throws IOException {
        LocalRuns local = Tracker.local(dir.resolve("runs"));
        MultiLayerNetwork net = TrainFixtures.classifier(new Adam(0.01));
        History history = fit(net, local, 8);

        List<Run> runs = local.runs("blobs");
        assertEquals(1, runs.size());
        Run run = runs.get(0);
        assertEquals(RunStatus.FINISHED, run.status());
        assertEquals("hidden=8", run.name());
        assertEquals("8", run.params().get("hidden"));
        assertEquals("3", run.params().get("epochs"));
        assertEquals("20", run.params().get("batch_size"));
        assertEquals("Adam", run.params().get("updater"));
        assertEquals("0.01", run.params().get("learning_rate"));
        assertEquals(String.valueOf(net.numParams()), run.params().get("parameters"));
        assertEquals("DenseLayer(8, tanh) > OutputLayer(2, softmax)", run.tags().get("network"));
        assertArrayEquals(history.values(Metric.LOSS), run.values("loss"));
        assertArrayEquals(history.values(Metric.VAL_ACCURACY), run.values("val_accuracy"));
        assertEquals(history.best(Metric.VAL_LOSS), run.last("best_val_loss"));
        assertArrayEquals(history.values(Metric.VAL_LOSS), History.of(run).values(Metric.VAL_LOSS));
        assertEquals(history.epochs().get(1).millis(), History.of(run).epochs().get(1).millis());
        assertTrue(run.end() != null && !run.end().isBefore(run.start()));

        MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(local.modelOf(run).toFile(), false);
        assertEquals(net.params(), saved.params(), "the model file holds the trained weights");
    }

    @Test
    void runsAddUpAndShowAsATable() {
        LocalRuns local = Tracker.local(dir.resolve("runs"));
        fit(TrainFixtures.classifier(new Adam(0.01)), local, 8);
        fit(TrainFixtures.classifier(new Adam(0.05)), local, 8);
        Table table = local.table("blobs");
        assertEquals(2, table.rowCount());
        assertTrue(table.columnNames().containsAll(List.of("run", "status", "hidden", "learning_rate", "val_accuracy")),
                table.columnNames().toString());
        assertEquals("0.05", table.stringColumn("learning_rate").get(1));
        assertEquals(List.of("blobs"), local.experiments());
        assertEquals(List.of(), local.runs("other"));
    }

    @Test
    void aBadExperimentNameIsRefusedBeforeTraining() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitOptions.epochs(1).track(Tracker.local(dir), "../up"));
        assertTrue(e.getMessage().contains("'../up'") && e.getMessage().contains("letters, digits"), e.getMessage());
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> FitOptions.epochs(1).param("a", 1));
        assertTrue(early.getMessage().contains("track(\"experiment\") first"), early.getMessage());
    }

    @Test
    void anMlflowServerThatDoesNotAnswerStopsTrainingBeforeItStarts() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        MultiLayerNetwork net = TrainFixtures.classifier();
        var before = net.params().dup();
        Tracker down = Tracker.mlflow("http://127.0.0.1:" + port);
        RuntimeException e = assertThrows(RuntimeException.class, () -> fit(net, down, 8));
        assertTrue(e.getMessage().contains("No MLflow server answers at http://127.0.0.1:" + port), e.getMessage());
        assertEquals(before, net.params(), "no step was taken");
        assertThrows(IllegalArgumentException.class, () -> Tracker.mlflow("127.0.0.1:5000"));
    }

    @Test
    void runsGoToARealMlflowServerToo() throws IOException {
        LocalRuns local = Tracker.local(dir.resolve("runs"));
        try (MlflowServer server = MlflowServer.start(dir.resolve("mlflow"))) {
            Tracker both = local.and(server.tracker());
            fit(TrainFixtures.classifier(new Adam(0.01)), both, 8);
            SearchResults search = Search.grid(SearchSpace.of().values("rate", 0.01, 0.1)).quiet()
                    .track(both, "blobs-search").run(Metric.VAL_ACCURACY, trial -> Learner.fit(
                            TrainFixtures.classifier(new Adam(trial.getDouble("rate"))), TrainFixtures.iterator(train, 20),
                            FitOptions.epochs(2).validation(validation).metrics(Metric.VAL_ACCURACY).quiet()));

            Run mine = local.runs("blobs").get(0);
            List<Run> theirs = server.tracker().runs("blobs");
            assertEquals(1, theirs.size());
            Run remote = theirs.get(0);
            assertEquals(RunStatus.FINISHED, remote.status());
            assertEquals(mine.name(), remote.name());
            assertEquals(mine.params(), remote.params());
            assertEquals(mine.source(), remote.source());
            assertEquals(mine.metrics().keySet(), remote.metrics().keySet());
            for (String metric : mine.metrics().keySet()) {
                assertArrayEquals(mine.values(metric), remote.values(metric), metric);
            }
            assertEquals("model.zip", remote.model());
            try (Stream<Path> files = Files.walk(server.folder().resolve("artifacts"))) {
                Path uploaded = files.filter(p -> p.endsWith("model.zip")).findFirst().orElseThrow();
                assertArrayEquals(Files.readAllBytes(local.modelOf(mine)), Files.readAllBytes(uploaded));
            }

            List<Run> trials = server.tracker().runs("blobs-search");
            assertEquals(2, trials.size());
            for (int i = 0; i < 2; i++) {
                Run trial = trials.get(i);
                assertEquals("trial " + (i + 1), trial.name());
                assertEquals(String.valueOf(search.inOrderRun().get(i).trial().get("rate")), trial.params().get("rate"));
                assertEquals(search.inOrderRun().get(i).score(), trial.last("best_val_accuracy"), 0.0);
                assertEquals(2, trial.values("val_accuracy").length);
            }
            assertEquals(2, local.runs("blobs-search").size());
        }
    }
}
