package dev.hopscope.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Destinations as people type them (SPEC section 3: a node, an address or a DNS name, optionally with :PORT). */
class DestinationTest {

    @Test
    void namesAndAddressesWithAndWithoutPorts() {
        assertThat(Destination.parse("web")).isEqualTo(new Destination.Named("web", 0));
        assertThat(Destination.parse("web:80")).isEqualTo(new Destination.Named("web", 80));
        assertThat(Destination.parse("web.default.svc.cluster.local:8080")).isEqualTo(new Destination.Named("web.default.svc.cluster.local", 8080));
        assertThat(Destination.parse("localhost:2368")).isEqualTo(new Destination.Named("localhost", 2368));
        assertThat(Destination.parse("h1-docker0")).isEqualTo(new Destination.Named("h1-docker0", 0));
        assertThat(Destination.parse("10.0.0.2")).isEqualTo(new Destination.Address(Ipv4.parse("10.0.0.2"), 0));
        assertThat(Destination.parse("192.168.50.11:65535")).isEqualTo(new Destination.Address(Ipv4.parse("192.168.50.11"), 65535));
        assertThat(Destination.parse("10.96.0.10:1").port()).isEqualTo(1);
    }

    @Test
    void textHostAndPortRoundTrip() {
        Destination d = Destination.parse("web:80");
        assertThat(d.host()).isEqualTo("web");
        assertThat(d.text()).isEqualTo("web:80");
        assertThat(d.withPort(0).text()).isEqualTo("web");
        assertThat(d.withPort(443)).isEqualTo(Destination.parse("web:443"));
        assertThat(Destination.parse("10.0.0.2:5432").host()).isEqualTo("10.0.0.2");
    }

    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(delimiter = '|', value = {
            "web:80:80        | more than one ':'",
            "10.0.0.1:99999   | the port 99999 is outside 1..65535",
            "10.0.0.1:0       | the port 0 is outside 1..65535",
            "web:123456       | the port 123456 is outside 1..65535",
            "web:http         | 'http' is not a port number",
            "web:-1           | '-1' is not a port number",
            "web:             | ends with ':' but gives no port",
            ":80              | gives a port but no node, address or name",
            "10.0.0.300       | 300 is more than 255",
            "10.0.0.300:80    | 300 is more than 255",
            "we b             | contains a space",
    })
    void badDestinationsAreRefusedWithTheReason(String text, String why) {
        assertThatThrownBy(() -> Destination.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'").hasMessageContaining(why);
        assertThat(Destination.tryParse(text)).isEmpty();
        assertThat(Destination.problem(text)).hasValueSatisfying(m -> assertThat(m).contains(why));
    }

    @Test
    void emptyAndPaddedTextIsRefused() {
        assertThatThrownBy(() -> Destination.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Destination.parse(null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> Destination.parse(" web")).hasMessageContaining("spaces around it");
        assertThatThrownBy(() -> Destination.parse("web\n")).hasMessageContaining("spaces around it");
    }

    @Test
    void theValidatorRefusesAnIntentWhoseDestinationDoesNotParse() {
        Document d = Document.empty("d").with(Host.docker("h", null, null))
                .with(new External("ext", "ext", null, null, List.of(), List.of()))
                .with(new Intent("i1", "i1", "ext", "10.0.0.1:99999", Probe.tcp(80), Intent.Expect.REACHABLE));
        List<Problem> p = Validator.validate(d);
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.node()).isEqualTo("i1");
            assertThat(x.field()).isEqualTo("to");
            assertThat(x.message()).contains("10.0.0.1:99999").contains("outside 1..65535");
        });
        assertThat(Validator.validate(d.with(new Intent("i1", "i1", "ext", "10.0.0.1:9999", Probe.tcp(80), Intent.Expect.REACHABLE)))).isEmpty();
    }
}
