package dev.hopscope.net.findings;

import dev.hopscope.net.Findings;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Probe;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.net.Finding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.hopscope.net.findings.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class DesignChecksTest {

    /** A design with at least one finding of each severity and several codes. */
    private static List<Node> messy() {
        Host lonely = new Host("h9", "lonely", Host.Role.DOCKER, null, null, true, 1500, List.of());
        return List.of(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12"), lonely,
                Bridge.docker0("d1", "h1"), Bridge.docker0("d2", "h2"),
                container("web", "h1", "d1").withPorts(List.of(PublishedPort.tcp(8080, 80))),
                container("api", "h1", "d1").withPorts(List.of(PublishedPort.tcp(8080, 80))),
                container("db", "h2", "d2"),
                container("loner", "h1", "d1").withAttachments(List.of()),
                new Overlay("ov", "ov", 42, "10.0.9.0/24", null, 0, 1500, Overlay.ControlPlane.NONE, false,
                        List.of(Overlay.Member.of("h1"), new Overlay.Member("h2", 43))),
                new Service("svc", "svc", null, null, null, List.of(), Map.of("app", "nothing"), null),
                intent("web-db", "web", "db", Probe.tcp(5432)));
    }

    @Test
    void findingsAreOrderedBySeverityThenCodeThenSubjects() {
        List<Finding> f = run(doc(messy().toArray(new Node[0])));
        assertThat(f).extracting(Finding::code).contains(Codes.PORT_CLASH, Codes.OVERLAPPING_SUBNETS, Codes.DEFAULT_BRIDGE_NO_DNS,
                Codes.VNI_MISMATCH, Codes.OVERLAY_NO_CONTROL_PLANE, Codes.OVERLAY_MTU_TOO_LARGE, Codes.SERVICE_NO_ENDPOINTS,
                Codes.UNATTACHED_CONTAINER, Codes.UNATTACHED_HOST);
        assertThat(f).isSortedAccordingTo(DesignChecks.ORDER);
        assertThat(f.get(0).severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(f.get(f.size() - 1).severity()).isEqualTo(Finding.Severity.INFO);
        List<String> errorCodes = f.stream().filter(x -> x.severity() == Finding.Severity.ERROR).map(Finding::code).toList();
        assertThat(errorCodes).isSorted();
    }

    @Test
    void everyFindingIsCompleteAndNamesExistingNodes() {
        Document d = doc(messy().toArray(new Node[0]));
        for (Finding x : run(d)) {
            assertThat(x.code()).matches("[A-Z0-9]+(_[A-Z0-9]+)*");
            assertThat(x.subjects()).isNotEmpty().doesNotHaveDuplicates();
            assertThat(x.subjects()).allSatisfy(id -> assertThat(d.node(id)).as(id).isPresent());
            assertThat(x.message()).isNotBlank();
            assertThat(x.fix()).isNotBlank();
        }
    }

    @Test
    void resultIsTheSameWhateverTheOrderOfChecksOutput() {
        Document d = doc(messy().toArray(new Node[0]));
        List<Finding> once = Findings.of(d, Ipam.allocate(d));
        List<Finding> again = Findings.of(d, Ipam.allocate(d));
        assertThat(again).isEqualTo(once);
        List<Finding> shuffled = new ArrayList<>(once);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.sort(DesignChecks.ORDER);
        assertThat(shuffled).isEqualTo(once);
    }

    @Test
    void aCleanDesignHasNoFindings() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), userBridge("app", "h1", "172.18.0.0/16"),
                container("web", "h1", "app").withSockets(List.of(Socket.tcp(80))).withPorts(List.of(PublishedPort.tcp(8080, 80))),
                container("db", "h1", "app").withSockets(List.of(Socket.tcp(5432))),
                intent("web-db", "web", "db", Probe.tcp(5432)));
        assertThat(Findings.of(d)).isEmpty();
    }

    @Test
    void everyCheckIsListedOnce() {
        assertThat(Findings.checks()).extracting(c -> c.getClass()).doesNotHaveDuplicates().hasSize(29); // 26th: HostNetworkPolicyCheck (NETWORK_POLICY_HOST_NETWORK); 27th-29th: LoadBalancerAddressCheck, IngressBackendCheck, PodHostPortClashCheck
    }
}
