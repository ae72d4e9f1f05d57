/**
 * Experiment tracking: every training run recorded with its parameters, its metrics epoch by epoch, its final
 * scores, the model it made, the notebook it ran in and when. Runs go to a local folder that needs no server
 * ({@link dlkit.track.Tracker#local}) and, when a tracking server is given, to MLflow as well
 * ({@link dlkit.track.Tracker#mlflow}); both read back as the same {@link dlkit.track.Run} objects, so runs are
 * compared the same way wherever they were stored.
 */
package dlkit.track;
