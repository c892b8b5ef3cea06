package dev.hopscope.bench;

import dev.hopscope.io.SyntheticTopology;
import dev.hopscope.model.Link;
import dev.hopscope.model.scene.LinkSpec;
import dev.hopscope.model.scene.NodeSpec;
import dev.hopscope.model.scene.SceneBuilder;
import dev.hopscope.ui.Theme;
import dev.hopscope.ui.canvas.CanvasView;
import dev.hopscope.ui.canvas.LinkView;
import dev.hopscope.ui.canvas.NodeView;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * What a pan of a large drawing pays when views come near the screen (issue 12's pan bar): the
 * canvas keeps only the views near the screen in the scene graph, so panning over new ground
 * puts views into the scene, and each joins with a pass of CSS and a layout. One operation
 * joins the views of one host of the pan probe's drawing ({@code PanProbe.drawing}: 48
 * containers, two bridges, their wires and expected flows) to a scene with the designer's
 * stylesheets, applies CSS and lays out, as a pulse does. {@code what} picks all of them, or only
 * the cards, the wires or the expected flows. The views sit as deep in the scene graph as on the
 * designer's canvas, since a selector that misses walks every ancestor. Headless (Monocle), so the renderer is not in it:
 * the pan probe measures the frames.
 *
 * <pre>mvn -B -ntp -Pbench -DskipTests test -Dbench='CanvasJoinBenchmark -prof gc'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
        "-Dprism.text=t2k", "-Djava.awt.headless=true"})
public class CanvasJoinBenchmark {
    @Param({"host", "cards", "wires", "flows"})
    public String what;

    private final List<NodeSpec> nodes = new ArrayList<>();
    private final List<LinkSpec> links = new ArrayList<>();
    private Pane root;
    private Pane layer;
    private List<Node> views = List.of();

    @Setup(Level.Trial)
    public void startJavaFx() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        // one host of the probe's drawing (PanProbe.drawing: hosts of 48 containers, two bridges each)
        dev.hopscope.model.scene.Scene scene = SceneBuilder.build(SyntheticTopology.generate(1, 48, false));
        for (NodeSpec n : scene.nodes().values()) {
            boolean card = n.shape() == dev.hopscope.model.scene.Shape.CONTAINER || n.shape() == dev.hopscope.model.scene.Shape.POD;
            if (what.equals("host") || what.equals("cards") && card) nodes.add(n);
        }
        for (LinkSpec l : scene.links().values()) {
            boolean flow = l.kind() == Link.Kind.INTENT;
            if (what.equals("host") || what.equals("wires") && !flow || what.equals("flows") && flow) links.add(l);
        }
        onFx(() -> {
            Theme.userAgent(false);
            root = new Pane();
            root.getStyleClass().add("canvas");
            layer = new Pane();
            layer.getStyleClass().addAll("canvas-layer", "card-layer");
            javafx.scene.Group world = new javafx.scene.Group(layer);
            root.getChildren().add(world);
            // as deep as the designer's canvas: a selector that misses walks every ancestor
            Pane top = root;
            for (String c : List.of("stack-pane", "split-pane", "split-pane", "border-pane", "root")) {
                Pane around = new Pane(top);
                around.getStyleClass().add(c);
                top = around;
            }
            Scene s = new Scene(top, 1400, 900);
            Theme.apply(s, false);
            root.applyCss();
            return null;
        });
    }

    /** Fresh views each time, as the pan meets views that have never been in the scene. */
    @Setup(Level.Invocation)
    public void makeViews() throws Exception {
        views = onFx(() -> {
            List<Node> out = new ArrayList<>();
            for (NodeSpec n : nodes) {
                NodeView v = CanvasView.create(n);
                v.show(n);
                out.add(v);
            }
            for (LinkSpec l : links) out.add(new LinkView(l));
            return out;
        });
    }

    @Benchmark
    public int join() throws Exception {
        return onFx(() -> {
            layer.getChildren().addAll(views);
            root.applyCss();
            root.layout();
            return layer.getChildren().size();
        });
    }

    @TearDown(Level.Invocation)
    public void leave() throws Exception {
        onFx(() -> {
            layer.getChildren().clear();
            return null;
        });
    }

    @TearDown(Level.Trial)
    public void stop() {
        Platform.exit();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get();
    }
}
