package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopscope.io.imports.StackedLan.Placement;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the host and the outside client go on a macvlan or ipvlan network's segment (addresses worked out by hand). */
class StackedLanTest {

    private static final Cidr LAN = Cidr.parse("10.203.7.0/24");

    @Test
    void filesPutTheHostAndClientFromDot11AndDot100AndTheLiveImportAtTheTop() {
        StackedLan usual = StackedLan.place(LAN, Ipv4.parse("10.203.7.1"), Cidr.parse("10.203.7.64/26"), List.of(Ipv4.parse("10.203.7.70")),
                Placement.USUAL);
        assertThat(usual.hostAddress()).isEqualTo("10.203.7.11/24");
        assertThat(usual.clientAddress()).as(".100 is in the range .64-.127").isEqualTo("10.203.7.128/24");
        StackedLan highest = StackedLan.place(LAN, Ipv4.parse("10.203.7.1"), Cidr.parse("10.203.7.64/26"), List.of(Ipv4.parse("10.203.7.70")),
                Placement.HIGHEST);
        assertThat(highest.hostAddress()).isEqualTo("10.203.7.254/24");
        assertThat(highest.clientAddress()).isEqualTo("10.203.7.253/24");
        assertThat(highest.lan("lan").subnet()).isEqualTo("10.203.7.0/24");
        assertThat(highest.client("external", "lan").address()).isEqualTo("10.203.7.253/24");
    }

    @Test
    void theRangeTheGatewayAndTheContainersAreSkipped() {
        // .0/25 is where Docker hands out addresses: .11 and .100 are in it, so both move to the first free ones after it
        StackedLan usual = StackedLan.place(LAN, null, Cidr.parse("10.203.7.0/25"), List.of(Ipv4.parse("10.203.7.128")), Placement.USUAL);
        assertThat(usual.hostAddress()).isEqualTo("10.203.7.129/24");
        assertThat(usual.clientAddress()).isEqualTo("10.203.7.130/24");
        // the gateway at the top and a container below it
        StackedLan highest = StackedLan.place(LAN, Ipv4.parse("10.203.7.254"), null, List.of(Ipv4.parse("10.203.7.253")), Placement.HIGHEST);
        assertThat(highest.hostAddress()).isEqualTo("10.203.7.252/24");
        assertThat(highest.clientAddress()).isEqualTo("10.203.7.251/24");
    }

    @Test
    void aSegmentWithoutRoomForBothIsNone() {
        // a /30 has .1 and .2: the gateway takes .1 (Docker's default), one address is left
        for (Placement p : Placement.values())
            assertThat(StackedLan.place(Cidr.parse("10.203.7.0/30"), null, null, List.of(), p)).as(p.name()).isNull();
    }
}
