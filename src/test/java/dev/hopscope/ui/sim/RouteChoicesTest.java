package dev.hopscope.ui.sim;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Probe;
import dev.hopscope.net.trace.Alternative;
import dev.hopscope.net.trace.Branch;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.ui.DesignerFixture;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 point 2 and issue 9 point 3, the panel's half: the ways to reach a destination a trace
 * considered are offered and can be traced (S8: web's own address 172.17.0.2:80 gives ext
 * NO_ROUTE, the published port on h1 delivers), and where a NodePort has several endpoints the
 * learner picks the one to follow (each of the three replicas is reached, SPEC section 2).
 */
@ExtendWith(ApplicationExtension.class)
class RouteChoicesTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private SimulationPanel panel() { return app.window.panels().simulation(); }

    private String verdict(FxRobot robot) { return robot.lookup("#sim-verdict").queryLabeled().getText(); }

    private void traceAndWait(String sample, String from, String to, Probe probe) throws Exception {
        fx(() -> app.state().reset(Samples.open(sample), null));
        fx(() -> panel().traceFlow(from, to, probe, false));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> fx(() -> panel().playback().trace().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Whether the node and every parent up to the scene are visible (a hidden box hides what it holds). */
    private static boolean shown(FxRobot robot, String query) {
        return fx(() -> {
            for (javafx.scene.Node n = robot.lookup(query).query(); n != null; n = n.getParent())
                if (!n.isVisible()) return false;
            return true;
        });
    }

    /** The node the request was delivered to. */
    private String deliveredTo() {
        return fx(() -> panel().playback().trace().get().request().outcome() instanceof StepDetail.SocketReached s ? s.socket().owner() : null);
    }

    @Test void theWaysToTheDestinationAndTheServiceEndpointsCanBePicked(FxRobot robot) throws Exception {
        traceAndWait("s08-published-port.json", "ext", "web:8080", Probe.tcp(8080));
        assertThat(verdict(robot)).startsWith("DELIVERED");
        assertThat(shown(robot, "#route-ways")).isTrue();
        List<Alternative> ways = fx(() -> List.copyOf(panel().choices().ways().getItems()));
        assertThat(ways).hasSizeGreaterThanOrEqualTo(2);
        Alternative own = ways.stream().filter(a -> a.label().contains("172.17.0.2:80")).findFirst().orElseThrow();
        assertThat(own.label()).contains("own address");
        assertThat(ways).anyMatch(a -> a.label().contains("h1:8080"));
        assertThat(fx(() -> panel().choices().ways().getValue().label())).contains("h1:8080");
        // the container's own address, from outside: no route (scenarios.md S8)
        robot.clickOn("#route-ways").clickOn(own.label() + own.outcome().map(d -> " — " + d).orElse(" — not tried"));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> fx(() -> verdict(robot).startsWith("NO_ROUTE")));
        assertThat(fx(() -> panel().playback().trace().get().via())).isEqualTo("172.17.0.2:80");
        assertThat(shown(robot, "#route-branches")).isFalse();

        // three replicas behind a NodePort: follow each
        traceAndWait("nodeport-three-replicas.json", "ext", "192.168.50.12:30080", Probe.tcp(30080));
        List<Branch> branches = fx(() -> List.copyOf(panel().choices().branches().getItems()));
        assertThat(branches).extracting(Branch::endpoint).containsExactlyInAnyOrder("web-0", "web-1", "web-2");
        assertThat(shown(robot, "#route-branches")).isTrue();
        for (String pod : List.of("web-1", "web-2")) {
            robot.clickOn("#route-branches").clickOn(pod + " — " + branches.stream().filter(b -> b.endpoint().equals(pod)).findFirst().orElseThrow().disposition());
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> pod.equals(deliveredTo()));
            assertThat(verdict(robot)).startsWith("DELIVERED");
            assertThat(fx(() -> panel().choices().branches().getValue().endpoint())).isEqualTo(pod);
        }
        app.snapshot(Path.of("target", "screens", "route-choices-nodeport.png"));
    }
}
