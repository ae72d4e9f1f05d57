/**
 * Layers for DL4J networks: the ones DL4J lacks ({@link dlkit.layers.Gru}, {@link dlkit.layers.AttentionPooling}, on
 * {@link dlkit.layers.SequenceLayer}) and faster paths for DL4J's own convolution, pooling, batch norm and LSTM ({@link dlkit.layers.FastLayers}).
 */
package dlkit.layers;
