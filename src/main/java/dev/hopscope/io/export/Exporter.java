package dev.hopscope.io.export;

import dev.hopscope.io.AtomicFile;
import dev.hopscope.io.DocumentException;
import dev.hopscope.model.Document;
import dev.hopscope.net.Network;
import org.jfree.svg.SVGGraphics2D;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** Every export format behind one call: pictures of the canvas, graph files and the runnable lab. */
public final class Exporter {
    private Exporter() {}

    public enum Format {
        PNG, SVG, DOT, GRAPHML, NETNS, MERMAID, DRAWIO;

        public String label() { return name().toLowerCase(Locale.ROOT); }

        public static Format parse(String s) {
            for (Format f : values()) if (f.label().equalsIgnoreCase(s)) return f;
            throw new IllegalArgumentException("unknown format '" + s + "' (use " + java.util.Arrays.stream(values()).map(Format::label)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
    }

    /** PNGs are drawn at twice the canvas scale, so text stays crisp on a high-density screen. */
    public static final double PNG_SCALE = 2;

    public static byte[] export(Document doc, Format format) {
        return switch (format) {
            case PNG -> png(doc, PNG_SCALE);
            case SVG -> svg(doc).getBytes(StandardCharsets.UTF_8);
            case DOT -> GraphExport.dot(doc).getBytes(StandardCharsets.UTF_8);
            case GRAPHML -> GraphExport.graphml(doc).getBytes(StandardCharsets.UTF_8);
            case NETNS -> NetnsScript.of(Network.compile(doc).dataplane(), doc.name()).getBytes(StandardCharsets.UTF_8);
            case MERMAID -> MermaidExport.of(doc).getBytes(StandardCharsets.UTF_8);
            case DRAWIO -> DrawioExport.of(doc).getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * Writes the export to {@code out} as a save does ({@link AtomicFile}: a failed export leaves
     * no half file, a symbolic link is written through, only a regular file is replaced, an
     * existing file keeps its mode); a new lab script is executable (0777 less the umask).
     * A file that cannot be written is a {@link DocumentException} saying why.
     */
    public static void write(Document doc, Format format, Path out) {
        byte[] bytes = export(doc, format);
        AtomicFile.write(out, bytes, format == Format.NETNS ? AtomicFile.Kind.EXECUTABLE : AtomicFile.Kind.DOCUMENT);
    }

    public static BufferedImage image(Document doc, double scale) {
        CanvasPainter painter = new CanvasPainter(doc);
        int w = (int) Math.ceil(painter.width() * scale), h = (int) Math.ceil(painter.height() * scale);
        BufferedImage img = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            painter.paint(g, scale);
        } finally {
            g.dispose();
        }
        return img;
    }

    public static byte[] png(Document doc, double scale) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image(doc, scale), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static String svg(Document doc) {
        CanvasPainter painter = new CanvasPainter(doc);
        SVGGraphics2D g = new SVGGraphics2D(painter.width(), painter.height());
        painter.paint(g, 1);
        return g.getSVGDocument();
    }
}
