package dev.hopscope.ui;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Box;
import dev.hopscope.model.Document;
import dev.hopscope.model.Node;
import dev.hopscope.ui.canvas.Placement;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Opens every sample from the Samples menu's list, renders the canvas to target/samples/NAME.png, and checks the drawing is tidy. */
@ExtendWith(ApplicationExtension.class)
class SampleRenderTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    @Test void everySampleOpensAndRendersToAPng(FxRobot robot) throws Exception {
        List<String> names = app.commands().sampleNames();
        assertThat(names).contains(Samples.WELCOME);
        Path out = Path.of("target", "samples");
        Files.createDirectories(out);
        for (String name : names) {
            DesignerFixture.fx(() -> app.commands().openSample(name));
            DesignerFixture.settle(robot);
            DesignerFixture.fx(() -> app.window.canvas().fit());
            Document doc = app.state().current();
            assertThat(app.prompts.errors).as(name).isEmpty();
            for (Node n : doc.nodes())
                if (Placement.drawn(n)) assertThat(app.window.canvas().nodeBounds(n.id())).as(name + ": " + n.id()).isPresent();
            assertThat(overlaps(doc)).as(name + ": nodes drawn over one another").isEmpty();
            WritableImage img = DesignerFixture.fx(() -> app.window.canvas().snapshot(null, null));
            Path png = out.resolve(name.replaceFirst("\\.json$", "") + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", png.toFile());
            assertThat(Files.size(png)).as(png.toString()).isGreaterThan(2000);
        }
    }

    /** Pairs of drawn boxes that intersect although neither contains the other by nesting. */
    static List<String> overlaps(Document doc) {
        Map<String, Box> boxes = Placement.of(doc);
        List<String> ids = new ArrayList<>(boxes.keySet());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++)
            for (int j = i + 1; j < ids.size(); j++) {
                String a = ids.get(i);
                String b = ids.get(j);
                Node na = doc.node(a).orElseThrow();
                Node nb = doc.node(b).orElseThrow();
                if (a.equals(nb.parent()) || b.equals(na.parent())) continue;
                Box x = boxes.get(a);
                Box y = boxes.get(b);
                if (x.x() < y.x() + y.w() && y.x() < x.x() + x.w() && x.y() < y.y() + y.h() && y.y() < x.y() + x.h()) out.add(a + " / " + b);
            }
        return out;
    }
}
