package dev.hopscope.io.export;

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
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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

    /** Writes the export to {@code out} through a temporary file (a failed export leaves no half file); the lab script is made executable. */
    public static void write(Document doc, Format format, Path out) {
        byte[] bytes = export(doc, format);
        Path abs = out.toAbsolutePath();
        try {
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(format == Format.NETNS ? "rwxr-xr-x" : "rw-r--r--"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: run the lab with bash lab.sh
                }
                try {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write: " + e.getMessage(), e);
        }
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
