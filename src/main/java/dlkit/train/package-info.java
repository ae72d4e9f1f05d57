/**
 * Training: {@link dlkit.train.Learner#fit} runs the epochs and returns a {@link dlkit.train.History};
 * callbacks stop early, change the learning rate, save checkpoints; the progress bar and the run's checks.
 */
package dlkit.train;
