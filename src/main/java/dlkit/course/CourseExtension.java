package dlkit.course;

import java.util.List;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.ndarray.INDArray;

import tech.tablesaw.api.Table;

import dlkit.layers.FormerNames;
import dlkit.notebook.Html;
import dlkit.notebook.Renderers;
import dlkit.notebook.StopButton;
import dlkit.plot.LiveChart;
import dlkit.train.Learner;

/**
 * The course's kernel extension. The JJava kernel finds it through {@code META-INF/services} as soon
 * as this library is on the kernel's classpath, and installs it before the first cell runs:
 * <ul>
 *   <li>a chart that is a cell's last value shows as a PNG image, a Tablesaw table as an HTML table,
 *       an ND4J array as text headed by its type and shape, and any {@link Html} value as HTML;</li>
 *   <li>the imports every notebook needs are in place (see {@link #IMPORTS});</li>
 *   <li>every fit draws its learning curve live ({@link LiveChart}), the notebook's stop button stops
 *       training cleanly ({@link StopButton}), and networks saved under the layers' former class names
 *       load ({@link FormerNames}).</li>
 * </ul>
 * ND4J is not started here: the first cell that uses it pays its start-up, and a broken native
 * backend shows as an error in that cell rather than as a kernel that does not start.
 */
public final class CourseExtension implements Extension {

    /** The imports of every notebook, evaluated once when the kernel starts. */
    public static final List<String> IMPORTS = List.of(
            "java.util.*",
            "java.util.stream.*",
            "java.nio.file.*",
            "java.net.URI",
            "java.net.http.*",
            "dlkit.course.*",
            "dlkit.data.*",
            "dlkit.eval.*",
            "dlkit.generative.*",
            "dlkit.interop.*",
            "dlkit.layers.*",
            "dlkit.model.*",
            "dlkit.notebook.*",
            "dlkit.plot.*",
            "dlkit.serve.*",
            "dlkit.track.*",
            "dlkit.train.*",
            "dlkit.transfer.*",
            "dlkit.tune.*",
            "static dlkit.notebook.Notebook.*",
            "org.nd4j.linalg.api.ndarray.INDArray",
            "org.nd4j.linalg.api.buffer.DataType",
            "org.nd4j.linalg.factory.Nd4j",
            "org.nd4j.linalg.ops.transforms.Transforms",
            "org.nd4j.linalg.dataset.DataSet",
            "org.nd4j.linalg.dataset.api.iterator.DataSetIterator",
            "org.nd4j.linalg.activations.Activation",
            "org.nd4j.linalg.lossfunctions.LossFunctions",
            "org.nd4j.linalg.learning.config.Adam",
            "org.nd4j.linalg.learning.config.Sgd",
            "org.nd4j.linalg.learning.config.Nesterovs",
            "org.deeplearning4j.nn.conf.NeuralNetConfiguration",
            "org.deeplearning4j.nn.conf.MultiLayerConfiguration",
            "org.deeplearning4j.nn.conf.layers.*",
            "org.deeplearning4j.nn.conf.inputs.InputType",
            "org.deeplearning4j.nn.graph.ComputationGraph",
            "org.deeplearning4j.nn.multilayer.MultiLayerNetwork",
            "org.deeplearning4j.nn.transferlearning.*",
            "org.deeplearning4j.nn.weights.WeightInit",
            "tech.tablesaw.api.Table",
            "java.awt.image.BufferedImage",
            "org.knowm.xchart.XYChart",
            "org.knowm.xchart.CategoryChart");

    @Override
    public void install(BaseKernel kernel) {
        Renderer renderer = kernel.getRenderer();
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((chart, context) -> {
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Renderers.pngBase64(chart));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Renderers.text(chart));
                });
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> Renderers.html(table));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Renderers.text(table));
                });
        renderer.createRegistration(INDArray.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .register((array, context) ->
                        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Renderers.text(array)));
        renderer.createRegistration(Html.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((value, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, value::toHtml);
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, value::toString);
                });
        Learner.drawLiveChartsWith(LiveChart::new);
        FormerNames.register();
        String stopButton = StopButton.install(kernel);
        if (stopButton != null) {
            System.err.println("[dlkit] " + stopButton);
        }
        kernel.evalRaw(importSource());
    }

    /** The import statements of {@link #IMPORTS} as one snippet of Java source. */
    public static String importSource() {
        StringBuilder source = new StringBuilder();
        for (String name : IMPORTS) {
            source.append("import ").append(name).append(";\n");
        }
        return source.toString();
    }
}
