/**
 * How good a trained network is: one {@link dlkit.eval.Predictions} value feeds the classification report,
 * confusion matrix and ROC curves; {@link dlkit.eval.RegressionReport} scores numbers.
 */
package dlkit.eval;
