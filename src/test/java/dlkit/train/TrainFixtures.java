package dlkit.train;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small, fixed problems for training tests: two Gaussian blobs to tell apart. */
final class TrainFixtures {

    private TrainFixtures() {
    }

    /** {@code n} points in 2-D, half around (-1,-1) labelled [1,0], half around (1,1) labelled [0,1]. */
    static DataSet blobs(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.randn(DataType.FLOAT, n, 2).mul(0.5);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            int cls = i % 2;
            features.getRow(i).addi(cls == 0 ? -1 : 1);
            labels.putScalar(i, cls, 1);
        }
        return new DataSet(features, labels);
    }

    static ViewIterator iterator(DataSet data, int batch) {
        return new ViewIterator(data, batch);
    }

    static MultiLayerNetwork classifier(IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    static MultiLayerNetwork classifier() {
        return classifier(new Sgd(0.1));
    }
}
