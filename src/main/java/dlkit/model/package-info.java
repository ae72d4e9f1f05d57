/**
 * A trained model as a deliverable: a {@link dlkit.model.Pipeline} from raw data to a {@link dlkit.model.ModelBundle}
 * (the network with its fitted preprocessing, saved in one file) that predicts from raw rows.
 */
package dlkit.model;
