/**
 * Models from the rest of the field in Java: Keras models (HDF5 files) imported as DL4J networks that predict
 * what Keras predicted and train further ({@link dlkit.interop.KerasModels}), and ONNX models (exported from
 * PyTorch, Keras or scikit-learn) run with ONNX Runtime ({@link dlkit.interop.OnnxModel}).
 */
package dlkit.interop;
