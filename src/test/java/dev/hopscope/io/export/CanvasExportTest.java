package dev.hopscope.io.export;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sample drawn to target/export/NAME.png and .svg, headless, and checked as pictures and as XML. */
class CanvasExportTest {

    static final Path OUT = Path.of("target", "export");

    static Stream<String> samples() throws Exception {
        return KernelAgreementTest.samples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void rendersEverySampleToPngAndSvg(String sample) throws Exception {
        Document doc = DocumentCodec.load(Path.of("samples", sample));
        Files.createDirectories(OUT);
        String base = sample.replace(".json", "");

        Path png = OUT.resolve(base + ".png");
        Exporter.write(doc, Exporter.Format.PNG, png);
        BufferedImage img = ImageIO.read(png.toFile());
        CanvasPainter painter = new CanvasPainter(doc);
        assertThat(img.getWidth()).isEqualTo((int) Math.ceil(painter.width() * Exporter.PNG_SCALE));
        assertThat(img.getHeight()).isEqualTo((int) Math.ceil(painter.height() * Exporter.PNG_SCALE));
        // a real drawing: many colours (palette, text antialiasing), not a blank canvas
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3)
            for (int x = 0; x < img.getWidth(); x += 3) colours.add(img.getRGB(x, y));
        assertThat(colours.size()).isGreaterThan(20);
        // every host's box is drawn where its layout says: the host fill colour at its inside top-left
        doc.all(dev.hopscope.model.Host.class).forEach(h -> doc.box(h.id()).ifPresent(b -> {
            int x = (int) Math.round((b.x() + 6 - painter.originX()) * Exporter.PNG_SCALE);
            int y = (int) Math.round((b.y() + b.h() - 6 - painter.originY()) * Exporter.PNG_SCALE);
            assertThat(img.getRGB(x, y) & 0xffffff).as("host %s fill", h.id()).isEqualTo(CanvasPainter.HOST.getRGB() & 0xffffff);
        }));

        Path svg = OUT.resolve(base + ".svg");
        Exporter.write(doc, Exporter.Format.SVG, svg);
        var xml = xmlParser().parse(svg.toFile());
        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(Double.parseDouble(root.getAttribute("width"))).isEqualTo(painter.width());
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        for (var n : doc.nodes())
            if (!(n instanceof dev.hopscope.model.Intent) && doc.box(n.id()).isPresent() && n.name().length() < 12)
                assertThat(text).as("the name of %s appears in the SVG", n.id()).contains(escapeXml(n.name()));
    }

    @Test
    void hostileNamesAreTextInTheSvgNotMarkup() throws Exception {
        Document doc = NetnsScriptTest.hostile();
        String svg = Exporter.svg(doc);
        var xml = xmlParser().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(xml.getElementsByTagName("script").getLength()).isZero();
        assertThat(xml.getDocumentElement().getTextContent()).contains("<script>alert(1)"); // text, cut to its card
        assertThat(ImageIO.read(new ByteArrayInputStream(Exporter.png(doc, 1)))).isNotNull();
    }

    /** A plain XML parser that never fetches the SVG DTD from the network. */
    static javax.xml.parsers.DocumentBuilder xmlParser() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder();
    }

    private static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
