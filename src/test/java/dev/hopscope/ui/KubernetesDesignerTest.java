package dev.hopscope.ui;

import dev.hopscope.model.Document;
import dev.hopscope.model.Ingress;
import dev.hopscope.model.Intent;
import dev.hopscope.model.KubeNamespace;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.net.trace.StepKind;
import dev.hopscope.ui.sim.Step;
import javafx.geometry.Bounds;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kubernetes' next layers in the designer, through the real scene (issue 10 item 5): a Service of
 * each of the four types with its own fields and card, a pod's hostPorts, Namespaces and
 * Ingresses from the palette listed in the Objects tab and edited in the inspector (the rules
 * table), and the LoadBalancer, Ingress and cluster DNS samples opened with their lessons and
 * traced, the Ingress's second connection under the controller's sentence. Expected addresses and
 * verdicts come from the samples' lessons and intents.
 */
@ExtendWith(ApplicationExtension.class)
class KubernetesDesignerTest {
    @TempDir static java.nio.file.Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private void open(String sample) {
        fx(() -> app.commands().openSample(sample));
        DesignerFixture.drawn();
    }

    private void select(String id) { fx(() -> app.state().select(List.of(id))); }

    private TextInputControl field(FxRobot robot, String id) { return robot.lookup("#" + id).queryAs(TextInputControl.class); }

    /** Focuses a field as Tab would (it scrolls into view), selects its text and types anew. */
    private void retype(FxRobot robot, String id, String text) {
        TextInputControl f = field(robot, id);
        fx(f::requestFocus);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).type(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) robot.write(text);
        DesignerFixture.settle(robot);
    }

    private static String error(FxRobot robot) {
        return robot.lookup(".field-error").match(javafx.scene.Node::isVisible).queryAs(Label.class).getText();
    }

    private static String subtitle(FxRobot robot, String id) {
        return DesignerFixture.words(robot, id, "subtitle");
    }

    private static boolean invalid(TextInputControl f) {
        return f.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("invalid"));
    }

    private Service service(String id) { return app.state().current().get(id, Service.class).orElseThrow(); }

    @Test void aServiceOffersFourTypesEachWithItsFieldsAndCardAndAPodItsHostPorts(FxRobot robot) {
        open("loadbalancer-metallb.json");
        // the lesson: "MetalLB gives web the pool's first address, 192.168.50.240"; web-local has 192.168.50.241
        assertThat(subtitle(robot, "web-svc")).startsWith("LB 192.168.50.240 · 10.96.");
        assertThat(subtitle(robot, "web-local-svc")).startsWith("LB 192.168.50.241 · 10.96.");

        select("web-svc");
        ComboBox<?> type = robot.lookup("#field-type").queryAs(ComboBox.class);
        assertThat(type.getItems()).extracting(t -> ((Service.Type) t).label()).containsExactly("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");
        TextInputControl address = field(robot, "field-loadBalancerIp");
        assertThat(address.getPromptText()).isEqualTo("192.168.50.240 (from the pool)");
        assertThat(address.isDisabled()).isFalse();
        assertThat(field(robot, "field-externalName").isDisabled()).as("only an ExternalName has one").isTrue();

        // refused with the reason, and nothing applied
        int depth = app.state().undoDepth();
        retype(robot, "field-loadBalancerIp", "10.1.2.3");
        assertThat(invalid(address)).isTrue();
        assertThat(error(robot)).isEqualTo("MetalLB's layer 2 mode answers ARP for the address on the nodes' LAN 192.168.50.0/24: 10.1.2.3 is not on it");
        assertThat(service("web-svc").loadBalancerIp()).isNull();
        assertThat(app.state().undoDepth()).isEqualTo(depth);
        // on the way to n2's address, 192.168.50.1 is the LAN's router: refused too, nothing applied
        retype(robot, "field-loadBalancerIp", "192.168.50.12");
        assertThat(error(robot)).isEqualTo("192.168.50.12 is n2's address");
        assertThat(app.state().undoDepth()).isEqualTo(depth);
        // the field scrolled into the inspector's view when it took the focus
        ScrollPane scroll = (ScrollPane) app.window.root().lookup(".inspector-scroll");
        Bounds inView = fx(() -> scroll.localToScene(scroll.getLayoutBounds()));
        Bounds at = fx(() -> address.localToScene(address.getLayoutBounds()));
        assertThat(at.getMinY()).isGreaterThanOrEqualTo(inView.getMinY());
        assertThat(at.getMaxY()).isLessThanOrEqualTo(inView.getMaxY());
        retype(robot, "field-loadBalancerIp", "192.168.50.245");
        assertThat(invalid(address)).isFalse();
        assertThat(service("web-svc").loadBalancerIp()).isEqualTo("192.168.50.245");
        assertThat(app.state().undoDepth()).as("typing in one field is one step").isEqualTo(depth + 1);
        assertThat(subtitle(robot, "web-svc")).startsWith("LB 192.168.50.245 · 10.96.");
        fx(() -> app.state().undo());
        assertThat(service("web-svc").loadBalancerIp()).isNull();
        fx(() -> app.state().redo());
        // the pool's first address is free again: web-local, the next from the pool, takes it
        assertThat(subtitle(robot, "web-local-svc")).startsWith("LB 192.168.50.240 · ");

        ComboBox<Service.LoadBalancerMode> mode = robot.lookup("#field-loadBalancerMode").queryAs(ComboBox.class);
        fx(() -> mode.setValue(Service.LoadBalancerMode.CLOUD));
        assertThat(service("web-svc").loadBalancerMode()).isEqualTo(Service.LoadBalancerMode.CLOUD);
        assertThat(service("web-svc").loadBalancerIp()).isEqualTo("192.168.50.245");

        // ExternalName: no ClusterIP, ports or selector (greyed out), a name instead
        fx(() -> ((ComboBox<Service.Type>) (ComboBox<?>) type).setValue(Service.Type.EXTERNAL_NAME));
        for (String off : List.of("field-clusterIp", "field-ports", "field-selector", "field-loadBalancerIp"))
            assertThat(robot.lookup("#" + off).query().isDisabled()).as(off).isTrue();
        assertThat(field(robot, "field-externalName").isDisabled()).isFalse();
        assertThat(subtitle(robot, "web-svc")).isEqualTo("→ no name yet");
        assertThat(DesignerFixture.words(robot, "web-svc", "line")).isEqualTo("ExternalName (CNAME)");
        retype(robot, "field-externalName", "DB.example.com");
        assertThat(error(robot)).startsWith("'DB.example.com' is not a DNS name");
        retype(robot, "field-externalName", "db.example.com");
        assertThat(service("web-svc").externalName()).isEqualTo("db.example.com");
        assertThat(subtitle(robot, "web-svc")).isEqualTo("→ db.example.com");
        fx(() -> app.state().undo());
        fx(() -> app.state().undo());
        assertThat(service("web-svc").type()).isEqualTo(Service.Type.LOAD_BALANCER);
        assertThat(robot.lookup("#field-ports").query().isDisabled()).as("the ports apply again").isFalse();
        assertThat(field(robot, "field-externalName").isDisabled()).isTrue();

        // a pod's hostPorts are written as a container's published ports
        select("web-0");
        retype(robot, "field-hostPorts", "8080:8080, 8080:8081");
        assertThat(error(robot)).isEqualTo("host port 8080/tcp is listed twice: a node port can be published once");
        retype(robot, "field-hostPorts", "8080:8080/tcp");
        assertThat(app.state().current().get("web-0", Pod.class).orElseThrow().hostPorts())
                .containsExactly(new PublishedPort(null, 8080, 8080, Proto.TCP));
    }

    @Test void namespacesAndIngressesComeFromThePaletteAreListedAsObjectsAndEditedInTheInspector(FxRobot robot) {
        open("ingress-metallb.json");
        fx(() -> app.window.bottomDock().getSelectionModel().select(
                app.window.bottomDock().getTabs().stream().filter(t -> "tab-objects".equals(t.getId())).findFirst().orElseThrow()));
        TableView<dev.hopscope.model.Node> table = robot.lookup("#objects-table").queryAs(TableView.class);
        assertThat(table.getItems()).extracting(dev.hopscope.model.Node::id)
                .containsExactly("ns-shop", "ns-ingress-nginx", "shop-ingress", "api-from-ingress");
        assertThat(fx(() -> app.window.bottomDock().getTabs().stream().filter(t -> "tab-objects".equals(t.getId())).findFirst().orElseThrow().getText()))
                .isEqualTo("Objects (4)");

        // a row selects the object; the inspector shows its form, the rules as a table
        robot.clickOn(robot.lookup("#objects-table .table-row-cell").nth(2).queryAs(javafx.scene.Node.class));
        DesignerFixture.settle(robot);
        assertThat(app.state().selection()).containsExactly("shop-ingress");
        assertThat(robot.lookup(".inspector-heading").queryAs(Label.class).getText()).isEqualTo("ingress · shop");
        assertThat(field(robot, "rule-0-host").getText()).isEqualTo("shop.example.com");
        assertThat(field(robot, "rule-0-path").getText()).isEqualTo("/api");
        assertThat(field(robot, "rule-0-service").getText()).isEqualTo("api");
        assertThat(field(robot, "rule-0-port").getText()).isEqualTo("http");
        assertThat(field(robot, "rule-1-path").getText()).isEqualTo("/");
        assertThat(field(robot, "field-controller").getText()).isEqualTo("app.kubernetes.io/component=controller");

        int depth = app.state().undoDepth();
        retype(robot, "rule-1-path", "web");
        assertThat(robot.lookup("#rule-error").queryAs(Label.class).getText()).isEqualTo("a path starts with '/', e.g. /api");
        retype(robot, "rule-0-service", "cart");
        assertThat(robot.lookup("#rule-error").queryAs(Label.class).getText()).isEqualTo("namespace shop has no Service cart (its Services: api, web)");
        retype(robot, "rule-0-port", "9090");
        assertThat(robot.lookup("#rule-error").queryAs(Label.class).getText()).isEqualTo("Service api has no port 9090 (its ports: 80 (http))");
        Ingress in = app.state().current().get("shop-ingress", Ingress.class).orElseThrow();
        assertThat(in.rules().get(0).paths().get(0).backend()).isEqualTo(new Ingress.Backend("api", 0, "http"));
        assertThat(in.rules().get(0).paths().get(1).path()).isEqualTo("/");
        assertThat(app.state().undoDepth()).as("nothing refused was applied").isEqualTo(depth);
        retype(robot, "rule-0-path", "/v2");
        assertThat(app.state().current().get("shop-ingress", Ingress.class).orElseThrow().rules().get(0).paths().get(0).path()).isEqualTo("/v2");
        assertThat(app.state().undoDepth()).isEqualTo(depth + 1);
        javafx.scene.Node add = robot.lookup("#rule-add").query();
        fx(add::requestFocus);   // Tab to it: the inspector scrolls it into view
        robot.clickOn(add);
        DesignerFixture.settle(robot);
        assertThat(app.state().current().get("shop-ingress", Ingress.class).orElseThrow().rules().get(0).paths())
                .extracting(Ingress.IngressPath::path).containsExactly("/v2", "/", "/path");
        assertThat(field(robot, "rule-2-service").getText()).isEqualTo("web");
        fx(() -> app.state().undo());
        fx(() -> app.state().undo());
        assertThat(robot.lookup("#rule-2-path").tryQuery()).isEmpty();
        assertThat(field(robot, "rule-0-path").getText()).isEqualTo("/api");

        // the palette's Namespace: added, selected, listed, its labels and name edited
        robot.doubleClickOn("#palette-namespace");
        DesignerFixture.settle(robot);
        KubeNamespace ns = app.state().current().all(KubeNamespace.class).get(2);
        assertThat(ns.name()).isEqualTo("namespace-1");
        assertThat(app.state().selection()).containsExactly(ns.id());
        assertThat(table.getItems()).hasSize(5);
        assertThat(table.getSelectionModel().getSelectedItem().id()).isEqualTo(ns.id());
        retype(robot, "field-labels", "kubernetes.io/metadata.name=x");
        assertThat(error(robot)).isEqualTo("kubernetes.io/metadata.name is set by Kubernetes itself, to the namespace's name");
        retype(robot, "field-labels", "team=blue");
        retype(robot, "field-name", "Blue");
        assertThat(error(robot)).startsWith("'Blue' is not a namespace name");
        retype(robot, "field-name", "shop");
        assertThat(error(robot)).isEqualTo("there is a namespace shop already");
        retype(robot, "field-name", "blue");
        assertThat(app.state().current().get(ns.id(), KubeNamespace.class).orElseThrow())
                .isEqualTo(new KubeNamespace(ns.id(), "blue", Map.of("team", "blue")));

        // the palette's Ingress: ingress-nginx's controller labels; no Service in default, so no rules yet;
        // the Objects tab comes to the front to list it (the canvas does not draw it)
        fx(() -> app.window.panels().showSimulation());
        robot.doubleClickOn("#palette-ingress");
        DesignerFixture.settle(robot);
        assertThat(fx(() -> app.window.bottomDock().getSelectionModel().getSelectedItem().getId())).isEqualTo("tab-objects");
        Ingress added = app.state().current().all(Ingress.class).get(1);
        assertThat(added.controller()).isEqualTo(Ingress.DEFAULT_CONTROLLER);
        assertThat(added.ingressClassName()).isEqualTo("nginx");
        assertThat(robot.lookup(".inspector-heading").queryAs(Label.class).getText()).isEqualTo("ingress · " + added.name());
        assertThat(table.getItems()).hasSize(6);

        // Delete in the list removes the selected object, as one undoable step
        fx(() -> app.state().select(List.of(ns.id())));
        robot.clickOn("#objects-delete");
        DesignerFixture.settle(robot);
        assertThat(app.state().current().node(ns.id())).isEmpty();
        assertThat(table.getItems()).hasSize(5);
        fx(() -> app.state().undo());
        assertThat(app.state().current().node(ns.id())).isPresent();
    }

    private String verdict(FxRobot robot) { return robot.lookup("#sim-verdict").queryLabeled().getText(); }

    @Test void theLoadBalancerIngressAndClusterDnsSamplesOpenWithTheirLessonsAndTrace(FxRobot robot) throws Exception {
        for (String sample : List.of("loadbalancer-metallb.json", "loadbalancer-cloud.json", "ingress-metallb.json", "cluster-dns-pod.json")) {
            open(sample);
            Document doc = app.state().current();
            assertThat(app.prompts.errors).as(sample).isEmpty();
            Label lesson = robot.lookup("#lesson-text").queryAs(Label.class);
            assertThat(lesson.getText()).as(sample).isEqualTo(doc.lesson().text());
            assertThat(lesson.isVisible() && lesson.getScene() != null).as(sample).isTrue();
            // the intent that states the lesson flow's verdict
            Intent said = doc.all(Intent.class).stream().filter(i -> i.from().equals(doc.lesson().from()) && i.to().equals(doc.lesson().to()))
                    .findFirst().orElseThrow();
            String expected = said.expect() == Intent.Expect.REACHABLE ? "DELIVERED" : sample.startsWith("cluster-dns") ? "NAME_NOT_RESOLVED" : "?";
            robot.clickOn("#lesson-play");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> verdict(robot).startsWith(expected)));
            fx(() -> app.window.panels().simulation().playback().pause());
            List<Step> steps = fx(() -> List.copyOf(app.window.panels().simulation().playback().steps()));
            assertThat(steps).as(sample).isNotEmpty();
            if (sample.startsWith("ingress")) {
                // the first connection ends at the controller; its row; then the second connection to api-0
                int proxy = 0;
                while (steps.get(proxy).kind() != Step.Kind.PROXY) proxy++;
                Step row = steps.get(proxy);
                assertThat(row.sentence()).contains("Ingress shop sends host shop.example.com path /api", "rule shop.example.com, Prefix /api",
                        "Service api port http", "on a new connection from ingress-nginx-controller-n2");
                assertThat(steps.subList(0, proxy)).allMatch(s -> s.connection() == 1);
                assertThat(steps.subList(0, proxy)).anyMatch(Step::reply);
                assertThat(steps.subList(proxy + 1, steps.size())).allMatch(Step::proxied);
                Step delivered = steps.stream().filter(s -> s.proxied() && !s.reply() && s.kind() == Step.Kind.HOP && s.hop().step() == StepKind.DELIVER).findFirst().orElseThrow();
                assertThat(delivered.hop().node()).isEqualTo("api-0");
                TableView<Step> list = robot.lookup("#event-list").queryAs(TableView.class);
                String shown = list.getItems().stream().filter(s -> s.kind() == Step.Kind.PROXY)
                        .map(dev.hopscope.ui.sim.HopSummary::of).findFirst().orElseThrow();
                assertThat(shown).isEqualTo(row.sentence());
                // stepped onto, the controller's row says what happens there, and the sentence in full
                int at = proxy;
                fx(() -> app.window.panels().simulation().playback().jump(at));
                assertThat(fx(() -> app.window.panels().simulation().headers().rows().caption()))
                        .startsWith("The Ingress controller opens a second connection · step " + (proxy + 1));
                fx(() -> app.window.panels().simulation().playback().jump(at + 1));
                assertThat(fx(() -> app.window.panels().simulation().headers().rows().caption())).startsWith("Request of the second connection");
                // the same trace shown as the findings or the matrix show one (it carries no narrator): the
                // controller's sentence is written from the drawing on the worker, and its row says it
                var shownAgain = fx(() -> app.window.panels().simulation().playback().trace().get());
                fx(() -> app.window.panels().simulation().showTrace(shownAgain));
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> app.window.panels().simulation().playback().steps().stream()
                        .anyMatch(s -> s.kind() == Step.Kind.PROXY && s.sentence().equals(row.sentence()))));
            }
            if (sample.startsWith("cluster-dns")) {
                // "the query goes first": UDP to the kube-dns ClusterIP 10.96.0.10:53, from web-0, filed under DNS
                Step first = steps.get(0);
                assertThat(first.query()).isTrue();
                assertThat(first.hop().node()).isEqualTo("web-0");
                assertThat(first.hop().packet().proto()).isEqualTo(Proto.UDP);
                assertThat(first.hop().packet().dst().toString()).isEqualTo("10.96.0.10");
                assertThat(first.protocol()).isEqualTo(dev.hopscope.ui.sim.EventProtocol.DNS);
            }
        }
    }
}
