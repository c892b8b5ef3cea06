package dev.hopscope.ui.flags;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Document;
import dev.hopscope.ui.DesignerFixture;
import dev.hopscope.ui.Panels;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.hopscope.ui.DesignerFixture.fx;

/**
 * A measurement, not a test (its name keeps it out of the suite): the time from an edit to the
 * flags on the canvas, for each sample and for a generated 500-endpoint design. Run it by hand:
 * {@code mvn -B -ntp -o test -Dtest=FlagLatencyMeasure}.
 */
@ExtendWith(ApplicationExtension.class)
class FlagLatencyMeasure {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    @Test void measure() throws Exception {
        List<String> names = new ArrayList<>(Samples.names());
        if (!Boolean.getBoolean("measure.syntheticOnly")) for (String name : names) report(name, Samples.open(name));
        report("SyntheticTopology 10 hosts × 50 containers", dev.hopscope.io.SyntheticTopology.generate(10, 50, false));
        report("SyntheticTopology 10 × 50 with overlay", dev.hopscope.io.SyntheticTopology.generate(10, 50, true));
    }

    private void report(String name, Document doc) throws Exception {
        Panels p = app.window.panels();
        fx(() -> app.state().reset(doc, null));
        settle(p);
        double[] ms = new double[7];
        for (int i = 0; i < ms.length; i++) {
            int n = i;
            fx(() -> app.state().executeEdit("rename", d -> d.withName(doc.name() + " " + n)));
            settle(p);
            ms[i] = fx(() -> p.analysis().lastLatencyMillis().get());
        }
        Arrays.sort(ms);
        System.out.printf("FLAGS %-40s median %5.0f ms  min %5.0f  max %5.0f  (%d nodes)%n", name, ms[ms.length / 2], ms[0], ms[ms.length - 1], doc.nodes().size());
    }

    private static void settle(Panels p) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !p.analysis().running().get()));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
