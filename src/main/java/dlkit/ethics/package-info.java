/**
 * Whether a model is fair and can be explained: audits by group, checks of the data before training,
 * mitigations, human review, explanations and model cards.
 */
package dlkit.ethics;
