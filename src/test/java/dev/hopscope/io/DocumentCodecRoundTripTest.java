package dev.hopscope.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hopscope.model.Document;
import dev.hopscope.model.Node;
import dev.hopscope.model.NodeKind;

class DocumentCodecRoundTripTest {

    @TempDir Path dir;

    @Test
    void theSampleDocumentUsesEveryNodeKind() {
        Set<NodeKind> kinds = EnumSet.noneOf(NodeKind.class);
        for (Node n : TestDocuments.everything().nodes()) kinds.add(n.kind());
        assertThat(kinds).containsExactlyInAnyOrder(NodeKind.values());
    }

    @Test
    void everyKindAndAttributeRoundTripsToAnEqualDocumentAndIdenticalText() {
        Document doc = TestDocuments.everything();
        String text = DocumentCodec.write(doc);
        Document back = DocumentCodec.read(text, "everything.json");
        assertThat(back).isEqualTo(doc);
        assertThat(back.nodes()).containsExactlyElementsOf(doc.nodes());
        assertThat(back.layout()).isEqualTo(doc.layout());
        assertThat(DocumentCodec.write(back)).isEqualTo(text);
    }

    @Test
    void outputIsDeterministicJsonWithOneNodePerLine() {
        String text = DocumentCodec.write(TestDocuments.small());
        assertThat(text).startsWith("{\n  \"format\": \"hopscope\",\n  \"version\": 1,\n  \"name\": \"small\",\n  \"nodes\": [\n    {\"kind\": \"underlay\", \"id\": \"lan\"");
        assertThat(text).contains("\n    {\"kind\": \"host\", \"id\": \"h1\", \"name\": \"h1\", \"role\": \"docker\", \"underlay\": \"lan\", \"address\": \"192.168.50.11/24\", \"ipForward\": true, \"mtu\": 1500},\n");
        assertThat(text).contains("\"layout\": {\n    \"a\": {\"x\": 60.0, \"y\": 120.0, \"w\": 160.0, \"h\": 70.0},\n    \"h1\": {");
        assertThat(text).endsWith("}\n  }\n}\n").doesNotContain("\r").doesNotContain("null");
    }

    @Test
    void saveLoadSaveIsByteIdentical() throws Exception {
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        DocumentCodec.save(TestDocuments.everything(), first);
        Document loaded = DocumentCodec.load(first);
        DocumentCodec.save(loaded, second);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(loaded).isEqualTo(TestDocuments.everything());
        assertThat(new String(Files.readAllBytes(first), StandardCharsets.UTF_8)).contains("☃");
    }

    @Test
    void readingAcceptsDefaultsOmittedEnumsInAnyCaseAndDockerStyleContainerMode() {
        Document doc = DocumentCodec.read("""
                {"format": "hopscope", "version": 1, "nodes": [
                  {"kind": "HOST", "id": "h1", "role": "K8S-NODE"},
                  {"kind": "container", "id": "c", "host": "h1", "mode": "container:web", "name": null},
                  {"kind": "service", "id": "s", "type": "nodeport", "trafficPolicy": "local"}
                ]}""", "lenient.json");
        assertThat(doc.name()).isEqualTo("untitled");
        dev.hopscope.model.Host h = doc.get("h1", dev.hopscope.model.Host.class).orElseThrow();
        assertThat(h.role()).isEqualTo(dev.hopscope.model.Host.Role.K8S_NODE);
        assertThat(h.mtu()).isEqualTo(1500);
        assertThat(h.ipForward()).isTrue();
        assertThat(h.name()).isEqualTo("h1");
        dev.hopscope.model.Container c = doc.get("c", dev.hopscope.model.Container.class).orElseThrow();
        assertThat(c.mode()).isEqualTo(dev.hopscope.model.Container.Mode.CONTAINER);
        assertThat(c.modeTarget()).isEqualTo("web");
        assertThat(doc.get("s", dev.hopscope.model.Service.class).orElseThrow().type())
                .isEqualTo(dev.hopscope.model.Service.Type.NODE_PORT);
    }
}
