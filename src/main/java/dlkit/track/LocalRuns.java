package dlkit.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dlkit.io.AtomicFile;

/**
 * Runs kept in a folder, one folder per experiment and one per run inside it: {@code run.json} (everything
 * but the model, readable by any JSON tool) and {@code model.zip}. {@code run.json} is rewritten atomically
 * after every epoch, so a run cut off half way keeps what it had measured (status "running").
 */
public final class LocalRuns implements Tracker {

    static final String RECORD = "run.json";
    static final String MODEL = "model.zip";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;

    LocalRuns(Path folder) {
        if (folder == null) {
            throw new IllegalArgumentException("The folder of runs is null; pass one, e.g. Path.of(\"runs\")");
        }
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** The folder that holds the experiments. */
    public Path folder() {
        return folder;
    }

    /** The folder of one run. */
    public Path folderOf(Run run) {
        return folder.resolve(run.experiment()).resolve(run.id());
    }

    /** The model file of a run, or null when it saved none. */
    public Path modelOf(Run run) {
        return run.model() == null ? null : folderOf(run).resolve(run.model());
    }

    @Override
    public void started(Run run) {
        write(run);
    }

    @Override
    public void logged(Run run, int step, Map<String, Double> values) {
        write(run);
    }

    @Override
    public void ended(Run run, Path model) {
        if (model != null) {
            Path target = folderOf(run).resolve(MODEL);
            AtomicFile.write(target, "the model of run " + run.name(), out -> Files.copy(model, out));
        }
        write(run);
    }

    private void write(Run run) {
        AtomicFile.write(folderOf(run).resolve(RECORD), "the record of run " + run.name(),
                out -> JSON.writeValue(out, run.toJson()));
    }

    /** The runs of an experiment, oldest first; a folder without a readable {@code run.json} is skipped. */
    @Override
    public List<Run> runs(String experiment) {
        Path dir = folder.resolve(Run.checkName(experiment));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Run> runs = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                Path record = child.resolve(RECORD);
                if (Files.isRegularFile(record)) {
                    try {
                        runs.add(Run.fromJson(JSON.readTree(record.toFile())));
                    } catch (IOException | RuntimeException damaged) {
                        // Not a run this library wrote (or a hand-edited one): not listed.
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the runs in " + dir + ": " + e.getMessage(), e);
        }
        runs.sort(Comparator.comparing(Run::start));
        return runs;
    }

    /** The experiments in the folder, by name. */
    public List<String> experiments() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "runs in " + folder;
    }
}
