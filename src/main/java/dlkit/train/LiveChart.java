package dlkit.train;

import java.util.List;

import dlkit.notebook.Display;
import dlkit.plot.Plots;

/**
 * The learning curve, redrawn in place after every epoch while training runs (in a notebook only).
 * {@link FitOptions} adds one by default.
 */
public final class LiveChart implements Callback {

    private String displayId;

    @Override
    public void onTrainStart(TrainingContext context) {
        displayId = null;
    }

    @Override
    public void onEpochEnd(TrainingContext context, EpochResult result) {
        if (!Display.inNotebook()) {
            return;
        }
        List<EpochResult> epochs = context.finished();
        var chart = Plots.learningCurves(new History(epochs, StopReason.COMPLETED, "", 0));
        if (displayId == null) {
            displayId = Display.show(chart);
        } else {
            Display.update(displayId, chart);
        }
    }
}
