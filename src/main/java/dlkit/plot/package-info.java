/**
 * Every chart the course shows, from {@link dlkit.plot.Plots}: learning curves (live during training), metrics,
 * images, fairness and search results, as XChart charts that render inline.
 */
package dlkit.plot;
