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

    /**
     * A PNG holds at most this many pixels (64 MiB of image in memory) and this many on a side,
     * which image viewers and libraries handle. Larger layouts are drawn at a smaller scale.
     */
    public static final long MAX_PIXELS = 16L * 1024 * 1024;
    public static final int MAX_SIDE = 32_767;
    /** Below this scale a card's text is a few pixels high: such a picture is refused, with the way out. */
    public static final double MIN_SCALE = 0.25;

    /** The scale a PNG of this painter's canvas is drawn at: {@code wanted}, or less to stay within the limits. */
    static double fittingScale(CanvasPainter painter, double wanted) {
        double w = Math.max(1, painter.width()), h = Math.max(1, painter.height());
        double scale = Math.min(wanted, Math.min((MAX_SIDE - 1) / w, (MAX_SIDE - 1) / h));
        // the image rounds each side up to a whole pixel: the largest s with (w s + 1)(h s + 1) <= MAX_PIXELS
        double b = w + h, c = 1 - (double) MAX_PIXELS;
        scale = Math.min(scale, (-b + Math.sqrt(b * b - 4 * w * h * c)) / (2 * w * h));
        if (scale < MIN_SCALE)
            throw new PictureTooLargeException(String.format(java.util.Locale.ROOT,
                    "the layout spans %,d × %,d canvas units, too large for a readable PNG (at most %,d pixels, %,d on a side):"
                            + " %s. Export --format svg instead, or bring the far nodes closer (Ctrl+L in the designer lays it out again)",
                    (long) w, (long) h, MAX_PIXELS, MAX_SIDE, painter.extremes()));
        return scale;
    }

    /** What a PNG export says besides writing the file: its size, and when the picture had to be scaled down. */
    public static String pictureNote(Document doc, Format format) {
        if (format != Format.PNG) return null;
        CanvasPainter painter = new CanvasPainter(doc);
        double scale = fittingScale(painter, PNG_SCALE);
        int w = (int) Math.ceil(painter.width() * scale), h = (int) Math.ceil(painter.height() * scale);
        return scale < PNG_SCALE
                ? String.format(java.util.Locale.ROOT, "%d × %d pixels, drawn at %.0f %% of the canvas to stay within %,d pixels",
                        w, h, scale * 100, MAX_PIXELS)
                : w + " × " + h + " pixels";
    }

    /** A picture of the canvas at {@code scale} pixels per canvas unit, or less when that would be too many pixels. */
    public static BufferedImage image(Document doc, double scale) {
        CanvasPainter painter = new CanvasPainter(doc);
        double s = fittingScale(painter, scale);
        int w = (int) Math.ceil(painter.width() * s), h = (int) Math.ceil(painter.height() * s);
        BufferedImage img = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            painter.paint(g, s);
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
