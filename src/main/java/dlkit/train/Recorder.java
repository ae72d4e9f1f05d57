package dlkit.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import dlkit.track.Run;
import dlkit.track.RunStatus;

/**
 * Records a training run for {@code FitOptions.track}: the run's parameters when training starts, the
 * metrics after each epoch, the best value of each metric, the status and the trained model at the end.
 */
final class Recorder implements Callback {

    private final FitOptions.Tracking tracking;
    private final FitOptions options;
    private final int batchSize;
    private Run run;

    Recorder(FitOptions.Tracking tracking, FitOptions options, int batchSize) {
        this.tracking = tracking;
        this.options = options;
        this.batchSize = batchSize;
    }

    @Override
    public void onTrainStart(TrainingContext context) {
        Model model = context.model();
        run = Run.start(tracking.experiment(), name(tracking.params()));
        run.param("epochs", options.epochs());
        run.param("seed", options.seed());
        if (batchSize > 0) {
            run.param("batch_size", batchSize);
        }
        run.param("parameters", model.numParams());
        Architecture network = Architecture.of(model);
        if (network.updater() != null) {
            run.param("updater", network.updater().getClass().getSimpleName());
            double rate = network.updater().getLearningRate(0, 0);
            if (!Double.isNaN(rate)) {
                run.param("learning_rate", rate);
            }
        }
        tracking.params().forEach(run::param);
        run.tag("network", layers(model));
        tracking.tracker().started(run);
    }

    @Override
    public void onEpochEnd(TrainingContext context, EpochResult result) {
        Map<String, Double> values = new java.util.LinkedHashMap<>(result.byLabel());
        values.put("epoch_seconds", result.millis() / 1000.0);
        run.log(result.epoch(), values);
        tracking.tracker().logged(run, result.epoch(), values);
    }

    @Override
    public void onTrainEnd(TrainingContext context, History history) {
        Map<String, Double> best = new java.util.LinkedHashMap<>();
        for (Metric metric : history.metrics()) {
            if (metric != Metric.LEARNING_RATE && history.epochCount() > 0) {
                best.put("best_" + metric.label(), history.best(metric));
            }
        }
        int step = Math.max(history.epochCount(), 1);
        run.log(step, best);
        if (!best.isEmpty()) {
            tracking.tracker().logged(run, step, best);
        }
        RunStatus status = switch (history.stop()) {
            case COMPLETED, STOPPED_EARLY -> RunStatus.FINISHED;
            case INTERRUPTED -> RunStatus.KILLED;
            case DIVERGED, CHECKPOINT_FAILED -> RunStatus.FAILED;
        };
        Path model = null;
        try {
            model = Files.createTempFile("dlkit-run-", ".zip");
            ModelSerializer.writeModel(context.model(), model.toFile(), false);
            run.end(status, "model.zip");
            tracking.tracker().ended(run, model);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the model of run " + run.name() + ": " + e.getMessage(), e);
        } finally {
            if (model != null) {
                try {
                    Files.deleteIfExists(model);
                } catch (IOException ignored) {
                    // A temporary file left behind.
                }
            }
        }
    }

    /** The run's name: its given parameters ("hidden=16 rate=0.01"), or "run" when none were given. */
    private static String name(Map<String, String> params) {
        return params.isEmpty() ? "run" : params.entrySet().stream().map(e -> e.getKey() + "=" + Run.brief(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    /** The layers in a line, e.g. "DenseLayer(16, relu) > OutputLayer(3, softmax)". */
    private static String layers(Model model) {
        List<Layer> confs = new ArrayList<>();
        if (model instanceof MultiLayerNetwork net) {
            net.getLayerWiseConfigurations().getConfs().forEach(c -> confs.add(c.getLayer()));
        } else if (model instanceof ComputationGraph graph) {
            for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
                confs.add(layer.conf().getLayer());
            }
        }
        return confs.stream().map(Recorder::describe).collect(Collectors.joining(" > "));
    }

    private static String describe(Layer layer) {
        String name = layer.getClass().getSimpleName();
        if (layer instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff) {
            String activation = ff.getActivationFn() == null ? "" : ", " + ff.getActivationFn().toString()
                    .toLowerCase(Locale.ROOT);
            return name + "(" + ff.getNOut() + activation + ")";
        }
        return name;
    }
}
