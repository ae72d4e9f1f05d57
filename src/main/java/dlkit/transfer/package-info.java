/**
 * Transfer learning: the course's own pretrained networks ({@link dlkit.transfer.PretrainedModels}), DL4J zoo
 * weights from the local cache, and unfreezing layers of a transferred network ({@link dlkit.transfer.FineTuning}).
 */
package dlkit.transfer;
