/**
 * Data in, arrays out: the shipped datasets ({@link dlkit.data.Datasets}), splits and preprocessing fitted on
 * training rows only, then by kind: tables, images (augmentation), text (vocabularies, sequences) and time series (windows).
 */
package dlkit.data;
