package dev.hopscope.io;

import dev.hopscope.model.Document;
import dev.hopscope.model.Lesson;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Saved flows (scenarios) in the document file: read, written one per line, and refused with a position when wrong. */
class ScenarioCodecTest {

    private static final String HEAD = "{\"format\": \"hopscope\", \"version\": 1,\n  \"scenarios\": [\n";

    @Test
    void scenariosRoundTripInOrderOnePerLineAndByteIdentical() {
        Document doc = TestDocuments.small().withScenarios(List.of(
                new Scenario("a reaches b", "a", "b:80", Probe.tcp(80), "DELIVERED", "the frame is bridged"),
                new Scenario("big ping", "a", "10.0.9.3", new Probe(dev.hopscope.model.Proto.ICMP, 0, 1472), "mtu_exceeded", null),
                new Scenario(null, "a", "db", Probe.udp(53), null, "  ")));
        String text = DocumentCodec.write(doc);
        assertThat(text).contains("\n  \"scenarios\": [\n"
                + "    {\"name\": \"a reaches b\", \"from\": \"a\", \"to\": \"b:80\", \"probe\": \"tcp/80\", \"expect\": \"DELIVERED\", \"note\": \"the frame is bridged\"},\n"
                + "    {\"name\": \"big ping\", \"from\": \"a\", \"to\": \"10.0.9.3\", \"probe\": \"icmp/1472\", \"expect\": \"MTU_EXCEEDED\"},\n"
                + "    {\"name\": \"a → db udp/53\", \"from\": \"a\", \"to\": \"db\", \"probe\": \"udp/53\"}\n"
                + "  ],\n  \"nodes\": [");
        Document back = DocumentCodec.read(text, "s.json");
        assertThat(back).isEqualTo(doc);
        assertThat(back.scenarios()).extracting(Scenario::name).containsExactly("a reaches b", "big ping", "a → db udp/53");
        assertThat(DocumentCodec.write(back)).isEqualTo(text);
        // a document without scenarios writes none
        assertThat(DocumentCodec.write(TestDocuments.small())).doesNotContain("scenarios");
    }

    @Test
    void aWrongScenarioIsRefusedWithFileLineAndColumn() {
        DocumentException e = fail(HEAD + "    {\"from\": \"a\", \"to\": \"b\", \"expect\": \"REACHED\"}\n  ]}");
        assertThat(e.getMessage()).startsWith("s.json:3:40: \"expect\" must be one of DELIVERED, NO_ROUTE, NEIGHBOR_UNREACHABLE, DENIED");
        assertThat(fail(HEAD + "    {\"from\": \"a\"}\n  ]}").getMessage()).isEqualTo("s.json:3:5: a scenario in the document has no \"to\"");
        assertThat(fail(HEAD + "    {\"from\": \"a\", \"to\": \"b\", \"probe\": \"tcp\"}\n  ]}").getMessage())
                .startsWith("s.json:3:39: \"probe\": 'tcp' needs a port");
        assertThat(fail(HEAD + "    {\"from\": \"a\", \"to\": \"b\", \"expct\": \"DELIVERED\"}\n  ]}").getMessage())
                .startsWith("s.json:3:30: unknown field \"expct\" in a scenario in the document (known fields: expect, from, name, note, probe, to)");
        assertThat(fail(HEAD + "    \"a to b\"\n  ]}").getMessage()).isEqualTo("s.json:3:5: each entry of \"scenarios\" must be an object, not \"a to b\"");
    }

    @Test
    void aLessonsFlowIsAScenarioWithoutAnExpectation() {
        Scenario s = Scenario.ofLesson(new Lesson("No way back", "text", "a", "192.168.50.100", Probe.tcp(443)));
        assertThat(s).isEqualTo(new Scenario("No way back", "a", "192.168.50.100", Probe.tcp(443), null, null));
        assertThat(Scenario.ofLesson(new Lesson("Just words", "text", null, null, null))).isNull();
        assertThat(s.sameFlow(new Scenario("other name", "a", "192.168.50.100", Probe.tcp(443), "DELIVERED", null))).isTrue();
        assertThat(s.sameFlow(new Scenario("No way back", "a", "192.168.50.100", Probe.icmp(), null, null))).isFalse();
        // a port in the destination is the probe's port (trace --to web:80 sends tcp/80): S8's lesson and its first scenario
        Scenario lesson = new Scenario("Published ports are DNAT", "ext", "192.168.50.11", Probe.tcp(8080), null, null);
        assertThat(lesson.sameFlow(new Scenario("The published port", "ext", "192.168.50.11:8080", Probe.tcp(8080), "DELIVERED", null))).isTrue();
        assertThat(lesson.sameFlow(new Scenario("A port nobody published", "ext", "192.168.50.11:80", Probe.tcp(80), "NO_LISTENER", null))).isFalse();
        assertThat(lesson.sameFlow(new Scenario("udp", "ext", "192.168.50.11:8080", Probe.udp(8080), null, null))).isFalse();
        assertThat(new Scenario("n", "a", "web:80", Probe.icmp(), null, null).sameFlow(new Scenario("m", "a", "web", Probe.tcp(80), null, null))).isTrue();
    }

    private static DocumentException fail(String json) {
        DocumentException e = catchThrowableOfType(DocumentException.class, () -> DocumentCodec.read(json, "s.json"));
        assertThat(e).as("expected a DocumentException for:%n%s", json).isNotNull();
        return e;
    }
}
