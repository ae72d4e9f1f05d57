package dlkit.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** The few operations training needs, the same for DL4J's two kinds of network. */
interface Trainable {

    void fit(DataSet batch);

    /** The loss of the last batch fitted. */
    double score();

    /**
     * The loss on a data set, in inference mode (no dropout), without the penalty of L1, L2 or weight
     * decay: DL4J's own score adds that penalty, which would make a regularised network's validation loss
     * look worse than its predictions are.
     */
    double score(DataSet data);

    /** The network's output for some features, in inference mode. */
    INDArray output(INDArray features);

    INDArray params();

    void setParams(INDArray params);

    void setLearningRate(double rate);

    Model model();

    static Trainable of(MultiLayerNetwork net) {
        if (net.getLayers() == null || net.params() == null) {
            throw new IllegalStateException("The network is not initialised: call net.init() before fitting it");
        }
        return new Trainable() {
            public void fit(DataSet batch) { net.fit(batch); }
            public double score() { return net.score(); }
            public double score(DataSet data) { return net.score(data, false) - net.calcRegularizationScore(true); }
            public INDArray output(INDArray features) { return net.output(features, false); }
            public INDArray params() { return net.params(); }
            public void setParams(INDArray params) { net.setParams(params); }
            public void setLearningRate(double rate) { net.setLearningRate(rate); }
            public Model model() { return net; }
        };
    }

    static Trainable of(ComputationGraph graph) {
        if (graph.getVertices() == null || graph.params() == null) {
            throw new IllegalStateException("The graph is not initialised: call graph.init() before fitting it");
        }
        if (graph.getNumInputArrays() != 1 || graph.getNumOutputArrays() != 1) {
            throw new IllegalArgumentException("Learner fits graphs with one input and one output; this graph has "
                    + graph.getNumInputArrays() + " inputs and " + graph.getNumOutputArrays()
                    + " outputs: call graph.fit(MultiDataSetIterator) directly");
        }
        return new Trainable() {
            public void fit(DataSet batch) { graph.fit(batch); }
            public double score() { return graph.score(); }
            public double score(DataSet data) { return graph.score(data, false) - graph.calcRegularizationScore(true); }
            public INDArray output(INDArray features) { return graph.outputSingle(false, features); }
            public INDArray params() { return graph.params(); }
            public void setParams(INDArray params) { graph.setParams(params); }
            public void setLearningRate(double rate) { graph.setLearningRate(rate); }
            public Model model() { return graph; }
        };
    }
}
