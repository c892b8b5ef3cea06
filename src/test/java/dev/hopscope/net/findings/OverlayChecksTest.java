package dev.hopscope.net.findings;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hopscope.net.findings.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class OverlayChecksTest {

    private static Overlay overlay(String id, int vni, String subnet, Overlay.Member... members) {
        return new Overlay(id, id, vni, subnet, Overlay.Driver.DOCKER_OVERLAY, 0, 0, Overlay.ControlPlane.SWARM, false, List.of(members));
    }

    private static Document twoHosts(Overlay o) {
        return doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12"), o);
    }

    @Test
    void encapsulationConstantsAndDefaults() {
        Overlay plain = overlay("ov", 42, "10.0.9.0/24");
        assertThat(Encapsulation.VXLAN_OVERHEAD).isEqualTo(50);
        assertThat(Encapsulation.ESP_OVERHEAD).isGreaterThanOrEqualTo(37).isEqualTo(40);
        assertThat(Encapsulation.defaultMtu(plain, 1500)).isEqualTo(1450);
        assertThat(Encapsulation.defaultMtu(plain.withEncrypted(true), 1500)).isEqualTo(1410);
        assertThat(Encapsulation.effectiveMtu(plain, 9000)).isEqualTo(8950);
        assertThat(Encapsulation.effectiveMtu(plain.withMtu(1400), 1500)).isEqualTo(1400);
    }

    @Test
    void smallestUnderlayCountsHostAndUnderlayMtu() {
        Overlay o = overlay("ov", 42, "10.0.9.0/24", Overlay.Member.of("h1"), Overlay.Member.of("h2"));
        Document d = doc(new Underlay("lan", "lan", "192.168.50.0/24", 9000), docker("h1", "192.168.50.11"),
                docker("h2", "192.168.50.12").withMtu(1400), o);
        assertThat(Encapsulation.smallestUnderlayMtu(d, o)).isEqualTo(1400);
    }

    @Test
    void explicitMtuAboveUnderlayMinusVxlanIsTooLarge() {
        Overlay o = overlay("ov", 42, "10.0.9.0/24", Overlay.Member.of("h1"), Overlay.Member.of("h2")).withMtu(1500);
        List<Finding> f = code(twoHosts(o), Codes.OVERLAY_MTU_TOO_LARGE);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(x.subjects()).containsExactly("ov", "h1");
            assertThat(x.message()).contains("ov", "1500", "1450", "50", "1550 bytes on the wire", "fragment");
            assertThat(x.fix()).contains("1450");
        });
    }

    @Test
    void fittingOrDefaultMtuIsFine() {
        Overlay o = overlay("ov", 42, "10.0.9.0/24", Overlay.Member.of("h1"), Overlay.Member.of("h2"));
        assertThat(code(twoHosts(o), Codes.OVERLAY_MTU_TOO_LARGE)).isEmpty();
        assertThat(code(twoHosts(o.withMtu(1450)), Codes.OVERLAY_MTU_TOO_LARGE)).isEmpty();
    }

    @Test
    void encryptedOverlayNeedsRoomForEsp() {
        Overlay o = overlay("ov", 42, "10.0.9.0/24", Overlay.Member.of("h1"), Overlay.Member.of("h2")).withMtu(1450).withEncrypted(true);
        assertThat(code(twoHosts(o), Codes.OVERLAY_MTU_TOO_LARGE)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("ESP", "1410"));
        assertThat(code(twoHosts(o.withMtu(1410)), Codes.OVERLAY_MTU_TOO_LARGE)).isEmpty();
    }

    @Test
    void smallHostMtuNamesThatHost() {
        Overlay o = overlay("ov", 42, "10.0.9.0/24", Overlay.Member.of("h1"), Overlay.Member.of("h2")).withMtu(1450);
        Document d = doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12").withMtu(1400), o);
        assertThat(code(d, Codes.OVERLAY_MTU_TOO_LARGE)).singleElement().satisfies(x -> {
            assertThat(x.subjects()).containsExactly("ov", "h2");
            assertThat(x.message()).contains("h2", "1400", "1350");
        });
    }

    @Test
    void defaultMtuDerivedPerHostDoesNotFitASmallerUnderlay() {
        Overlay o = overlay("ov", 42, "10.0.9.0/24", Overlay.Member.of("h1"), Overlay.Member.of("h2"));
        Document d = doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12").withMtu(1400), o);
        assertThat(code(d, Codes.OVERLAY_MTU_TOO_LARGE)).singleElement().satisfies(x -> {
            assertThat(x.subjects()).containsExactly("ov", "h2", "h1");
            assertThat(x.message()).contains("no MTU set", "1450 on h1", "h2 can carry only 1400", "at most 1350", "1500 bytes on the wire");
            assertThat(x.fix()).contains("1350");
        });
        assertThat(code(d.with(o.withMtu(1350)), Codes.OVERLAY_MTU_TOO_LARGE)).isEmpty();
    }

    @Test
    void hostsOfAttachedContainersAreVteps() {
        Overlay o = overlay("ov", 42, "10.0.9.0/24").withMtu(1450);
        Document d = doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12").withMtu(1300), o,
                container("a", "h1", "ov"), container("b", "h2", "ov"));
        assertThat(code(d, Codes.OVERLAY_MTU_TOO_LARGE)).singleElement()
                .satisfies(x -> assertThat(x.subjects()).containsExactly("ov", "h2"));
    }

    @Test
    void membersWithDifferentVnisMismatch() {
        Overlay o = overlay("ov", 42, "10.0.9.0/24", Overlay.Member.of("h1"), new Overlay.Member("h2", 43));
        assertThat(code(twoHosts(o), Codes.VNI_MISMATCH)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(x.subjects()).containsExactly("ov", "h2");
            assertThat(x.message()).contains("h1 uses VNI 42", "h2 uses VNI 43");
            assertThat(x.fix()).contains("VNI 42");
        });
    }

    @Test
    void membersAgreeingOnAnOverriddenVniAreConsistent() {
        Overlay o = overlay("ov", 42, "10.0.9.0/24", new Overlay.Member("h1", 7), new Overlay.Member("h2", 7));
        assertThat(code(twoHosts(o), Codes.VNI_MISMATCH)).isEmpty();
    }

    @Test
    void twoOverlaysWithOneVniAndPortOnASharedHostWarn() {
        Overlay a = overlay("front", 42, "10.0.9.0/24", Overlay.Member.of("h1"), Overlay.Member.of("h2"));
        Overlay b = overlay("back", 42, "10.0.10.0/24", Overlay.Member.of("h2"));
        Document d = doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12"), a, b);
        assertThat(code(d, Codes.VNI_MISMATCH)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(x.subjects()).containsExactly("front", "back", "h2");
            assertThat(x.message()).contains("VNI 42", "4789", "h2");
            assertThat(x.fix()).contains("back", "43");
        });
        Document otherPort = d.with(b.withUdpPort(4790));
        assertThat(code(otherPort, Codes.VNI_MISMATCH)).isEmpty();
        Document noSharedHost = d.with(b.withMembers(List.of())).with(new Host("h3", "h3", Host.Role.DOCKER, "lan", "192.168.50.13/24", true, 1500, List.of()))
                .with(b.withMembers(List.of(Overlay.Member.of("h3"))));
        assertThat(code(noSharedHost, Codes.VNI_MISMATCH)).isEmpty();
    }

    @Test
    void dockerOverlayWithoutControlPlaneIsAnError() {
        Overlay o = overlay("ov", 42, "10.0.9.0/24", Overlay.Member.of("h1"), Overlay.Member.of("h2"))
                .withControlPlane(Overlay.ControlPlane.NONE);
        assertThat(code(twoHosts(o), Codes.OVERLAY_NO_CONTROL_PLANE)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(x.subjects()).containsExactly("ov");
            assertThat(x.message()).contains("key-value store", "Consul", "etcd", "ZooKeeper");
        });
        assertThat(code(twoHosts(o.withControlPlane(Overlay.ControlPlane.KV_STORE)), Codes.OVERLAY_NO_CONTROL_PLANE)).isEmpty();
        assertThat(code(twoHosts(o.withControlPlane(Overlay.ControlPlane.SWARM)), Codes.OVERLAY_NO_CONTROL_PLANE)).isEmpty();
    }

    @Test
    void flannelWithoutControlPlaneIsAnErrorToo() {
        Overlay f = new Overlay("fl", "flannel", 1, "10.244.0.0/16", Overlay.Driver.FLANNEL_VXLAN, 0, 0,
                Overlay.ControlPlane.NONE, false, List.of(Overlay.Member.of("h1"), Overlay.Member.of("h2")));
        assertThat(code(twoHosts(f), Codes.OVERLAY_NO_CONTROL_PLANE)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("flannel", "etcd"));
    }

    @Test
    void attachedContainerOnOverlayIsNotUnattached() {
        Overlay o = overlay("ov", 42, "10.0.9.0/24");
        Document d = doc(lan(), docker("h1", "192.168.50.11"), o,
                container("a", "h1", "ov").withAttachments(List.of(Attachment.to("ov"))));
        assertThat(code(d, Codes.UNATTACHED_CONTAINER)).isEmpty();
    }
}
