package dev.hopscope.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.hopscope.model.Document;
import dev.hopscope.model.Validator;

/** The example in the README's "Document format" section is a real, valid, canonical document. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleLoadsValidatesAndIsWrittenByteForByte() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("## Document format"));
        Matcher m = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(m.find()).isTrue();
        String example = m.group(1);
        Document doc = DocumentCodec.read(example, "README.md");
        assertThat(doc.nodes()).hasSize(6);
        assertThat(Validator.validate(doc)).isEmpty();
        assertThat(DocumentCodec.write(doc)).isEqualTo(example);
    }
}
