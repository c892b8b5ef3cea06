package dev.hopscope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentCodecErrorTest {

    @TempDir Path dir;

    private static final String HEAD = "{\"format\": \"hopscope\", \"version\": 1, \"nodes\": [\n";

    private static DocumentException fail(String json) {
        DocumentException e = catchThrowableOfType(DocumentException.class, () -> DocumentCodec.read(json, "web.json"));
        assertThat(e).as("expected a DocumentException for:%n%s", json).isNotNull();
        assertThat(e.getMessage()).isEqualTo("web.json:" + e.line() + ":" + e.column() + ": " + e.problem());
        assertThat(e.line()).isPositive();
        assertThat(e.column()).isPositive();
        return e;
    }

    @Test
    void aWrongTypeNamesTheFieldTheValueAndItsPosition() {
        DocumentException e = fail(HEAD + "  {\"kind\": \"host\", \"id\": \"h1\",\n      \"mtu\": \"big\"}\n]}");
        assertThat(e.getMessage()).isEqualTo("web.json:3:14: \"mtu\" must be a number, not \"big\"");
    }

    @Test
    void wrongTypesOfEveryShapeAreReported() {
        assertThat(fail(HEAD + "{\"kind\": \"host\", \"id\": \"h1\", \"mtu\": 1.5}]}").problem()).contains("\"mtu\" must be a whole number, not 1.5");
        assertThat(fail(HEAD + "{\"kind\": \"host\", \"id\": \"h1\", \"mtu\": 99999999999}]}").problem()).contains("\"mtu\" is out of range");
        assertThat(fail(HEAD + "{\"kind\": \"host\", \"id\": \"h1\", \"mtu\": 123456789012345678901234567890}]}").problem()).contains("out of range");
        assertThat(fail(HEAD + "{\"kind\": \"host\", \"id\": \"h1\", \"ipForward\": \"yes\"}]}").problem()).contains("\"ipForward\" must be true or false, not \"yes\"");
        assertThat(fail(HEAD + "{\"kind\": \"host\", \"id\": 7}]}").problem()).contains("\"id\" must be a string, not 7");
        assertThat(fail(HEAD + "{\"kind\": \"host\", \"id\": \"h1\", \"routes\": {}}]}").problem()).contains("\"routes\" must be a list, not an object");
        assertThat(fail(HEAD + "{\"kind\": \"container\", \"id\": \"c\", \"links\": [\"a\", null]}]}").problem()).contains("each entry of \"links\" must be a string, not null");
        assertThat(fail(HEAD + "{\"kind\": \"pod\", \"id\": \"p\", \"labels\": {\"app\": 3}}]}").problem()).contains("\"labels.app\" must be a string, not 3");
        assertThat(fail(HEAD + "{\"kind\": \"container\", \"id\": \"c\", \"sockets\": [80]}]}").problem()).contains("each entry of \"sockets\" must be an object, not 80");
        assertThat(fail(HEAD + "7]}").problem()).contains("each entry of \"nodes\" must be an object, not 7");
        assertThat(fail("{\"format\": \"hopscope\", \"version\": 1, \"nodes\": {}}").problem()).contains("\"nodes\" must be a list");
        assertThat(fail("{\"format\": \"hopscope\", \"version\": 1, \"layout\": {\"h1\": {\"x\": \"1\", \"y\": 2}}}").problem()).contains("\"x\" must be a number, not \"1\"");
        assertThat(fail("{\"format\": \"hopscope\", \"version\": 1, \"layout\": {\"h1\": {\"y\": 2}}}").problem()).contains("the box of \"h1\" has no \"x\"");
        assertThat(fail("[1, 2]").problem()).contains("is a JSON object");
    }

    @Test
    void enumsListTheAllowedValues() {
        DocumentException e = fail(HEAD + "{\"kind\": \"host\", \"id\": \"h1\", \"role\": \"vm\"}]}");
        assertThat(e.problem()).isEqualTo("\"role\" must be one of docker, k8s-node, not \"vm\"");
        assertThat(fail(HEAD + "{\"kind\": \"service\", \"id\": \"s\", \"type\": \"Ingress\"}]}").problem())
                .isEqualTo("\"type\" must be one of ClusterIP, NodePort, LoadBalancer, ExternalName, not \"Ingress\"");
        assertThat(fail(HEAD + "{\"kind\": \"intent\", \"id\": \"i\", \"probe\": \"tcp/99999\"}]}").problem())
                .contains("\"probe\": port 99999 is outside 1..65535");
    }

    @Test
    void formatAndVersionAreChecked() {
        assertThat(fail("{\"version\": 1, \"nodes\": []}").problem()).contains("missing \"format\": \"hopscope\"");
        DocumentException wrong = fail("{\"format\": \"drawio\", \"version\": 1}");
        assertThat(wrong.problem()).contains("\"format\" must be \"hopscope\", not \"drawio\"");
        assertThat(wrong.column()).isEqualTo(12);
        DocumentException version = fail("{\"format\": \"hopscope\",\n \"version\": 7}");
        assertThat(version.getMessage()).isEqualTo("web.json:2:13: version 7 is not supported; this Hopscope reads version 1 only");
        assertThat(fail("{\"format\": \"hopscope\"}").problem()).contains("missing \"version\"");
    }

    @Test
    void unknownKindsAndFieldsAndMissingIdsAreNamed() {
        assertThat(fail(HEAD + "{\"kind\": \"router\", \"id\": \"r\"}]}").problem())
                .startsWith("unknown node kind \"router\" (known kinds: host, underlay, bridge");
        DocumentException field = fail(HEAD + "  {\"kind\": \"host\", \"id\": \"h1\", \"mtus\": 1500}]}");
        assertThat(field.problem()).startsWith("unknown field \"mtus\" in host \"h1\" (known fields: ");
        assertThat(field.line()).isEqualTo(2);
        assertThat(field.column()).isEqualTo(32);
        assertThat(fail(HEAD + "{\"kind\": \"container\", \"id\": \"c\", \"sockets\": [{\"prot\": \"tcp\"}]}]}").problem())
                .startsWith("unknown field \"prot\" in a socket in container \"c\"");
        assertThat(fail(HEAD + "{\"kind\": \"host\", \"name\": \"h1\"}]}").problem()).isEqualTo("this host has no \"id\"");
        assertThat(fail(HEAD + "{\"id\": \"h1\"}]}").problem()).startsWith("node 1 has no \"kind\"");
        assertThat(fail("{\"format\": \"hopscope\", \"version\": 1, \"nodez\": []}").problem()).startsWith("unknown field \"nodez\" in the document");
    }

    @Test
    void duplicateKeysAreRejectedWhereTheSecondOneIs() {
        DocumentException e = fail(HEAD + "{\"kind\": \"host\", \"id\": \"h1\",\n \"id\": \"h2\"}]}");
        assertThat(e.problem()).isEqualTo("\"id\" appears twice in this object");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(2);
    }

    @Test
    void corruptTruncatedAndTrailingInputIsNotJson() {
        assertThat(fail(HEAD + "{\"kind\": \"host\" \"id\": \"h1\"}]}").problem()).startsWith("not valid JSON:");
        assertThat(fail(HEAD + "{\"kind\": \"host\", \"id\": \"h1\"").problem()).startsWith("the file ends too early (is it truncated?)");
        DocumentException trailing = fail("{\"format\": \"hopscope\", \"version\": 1}\n{}");
        assertThat(trailing.problem()).isEqualTo("unexpected content after the end of the document");
        assertThat(trailing.line()).isEqualTo(2);
        assertThat(fail("{\"format\": \"hopscope\", \"version\": 1} garbage").problem()).startsWith("not valid JSON");
        assertThat(fail("").problem()).contains("empty");
        assertThat(fail("   ").problem()).contains("empty");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        String deep = "{\"format\": \"hopscope\", \"version\": 1, \"description\": " + "[".repeat(100) + "]".repeat(100) + "}";
        DocumentException e = fail(deep);
        assertThat(e.problem()).isEqualTo("the JSON is nested more than 64 levels deep");
        assertThat(e.column()).isGreaterThan(50);
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeParsing() throws Exception {
        Path big = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(DocumentCodec.MAX_BYTES + 1); // sparse: no time or disk spent
        }
        assertThatThrownBy(() -> DocumentCodec.load(big))
                .isInstanceOf(DocumentException.class)
                .hasMessage("huge.json:1:1: the file is 64.0 MiB (67108865 bytes); documents are limited to 64 MiB (is this the right file?)");
        Path hundred = dir.resolve("hundred.json");
        try (RandomAccessFile f = new RandomAccessFile(hundred.toFile(), "rw")) {
            f.setLength(100L * 1024 * 1024);
        }
        assertThatThrownBy(() -> DocumentCodec.load(hundred)).hasMessageContaining("the file is 100 MiB");
    }

    @Test
    void loadNamesTheFileAndAMissingFileIsClear() throws Exception {
        Path f = dir.resolve("broken.json");
        Files.write(f, "{\"format\": \"hopscope\",\n\"version\": 1,\n\"nodes\": [}".getBytes(StandardCharsets.UTF_8));
        DocumentException e = catchThrowableOfType(DocumentException.class, () -> DocumentCodec.load(f));
        assertThat(e.getMessage()).startsWith("broken.json:3:11: not valid JSON");
        assertThatThrownBy(() -> DocumentCodec.load(dir.resolve("nope.json")))
                .isInstanceOf(DocumentException.class).hasMessageContaining("nope.json").hasMessageContaining("no such file");
        assertThatThrownBy(() -> DocumentCodec.load(dir))
                .isInstanceOf(DocumentException.class).hasMessageContaining("is a folder, not a document");
    }

    @Test
    void invalidUtf8IsAnErrorNotACrash() throws Exception {
        Path f = dir.resolve("latin1.json");
        byte[] head = "{\"format\": \"hopscope\", \"version\": 1, \"name\": \"caf".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + 3];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xE9; // é in Latin-1, invalid as UTF-8
        all[head.length + 1] = '"';
        all[head.length + 2] = '}';
        Files.write(f, all);
        assertThatThrownBy(() -> DocumentCodec.load(f)).isInstanceOf(DocumentException.class).hasMessageStartingWith("latin1.json:1:");
    }
}
