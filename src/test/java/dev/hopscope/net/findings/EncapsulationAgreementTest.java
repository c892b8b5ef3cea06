package dev.hopscope.net.findings;

import dev.hopscope.model.Overlay;
import dev.hopscope.net.compile.Overheads;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MTU finding and the compiler must count the same bytes, or a design could be flagged while
 * its trace delivers (or the other way round). Both keep their constants; this test keeps them equal.
 */
class EncapsulationAgreementTest {

    @ParameterizedTest
    @CsvSource({"false,0,1500", "true,0,1500", "false,1400,1500", "true,0,9000", "false,0,1400"})
    void findingsAndCompilerAgree(boolean encrypted, int mtu, int underlay) {
        Overlay o = new Overlay("ov", "ov", 42, "10.0.9.0/24", null, 0, mtu, null, encrypted, List.of());
        assertThat(Encapsulation.VXLAN_OVERHEAD).isEqualTo(Overheads.VXLAN);
        assertThat(Encapsulation.ESP_OVERHEAD).isEqualTo(Overheads.ESP);
        assertThat(Encapsulation.defaultMtu(o, underlay)).isEqualTo(Overheads.defaultMtu(o, underlay));
        assertThat(Encapsulation.effectiveMtu(o, underlay)).isEqualTo(Overheads.effectiveMtu(o, underlay));
    }
}
