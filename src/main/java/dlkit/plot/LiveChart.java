package dlkit.plot;

import java.util.List;

import dlkit.notebook.Display;
import dlkit.train.Callback;
import dlkit.train.EpochResult;
import dlkit.train.History;
import dlkit.train.Learner;
import dlkit.train.StopReason;
import dlkit.train.TrainingContext;

/**
 * The learning curve, redrawn in place after every epoch while training runs (in a notebook only).
 * The course's kernel has {@link Learner} add one to every fit ({@link Learner#drawLiveChartsWith});
 * {@code FitOptions.liveChart(false)} leaves it out.
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
