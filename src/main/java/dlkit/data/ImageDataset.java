package dlkit.data;

/** A dataset of labelled images split into training and test images, e.g. MNIST. */
public record ImageDataset(String name, LabeledImages train, LabeledImages test) {

    @Override
    public String toString() {
        return name + ": " + train.count() + " training and " + test.count() + " test images of "
                + train.rows() + "x" + train.cols() + ", classes " + train.classes();
    }
}
