package dev.hopscope.io;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import dev.hopscope.model.Box;
import dev.hopscope.model.Document;
import dev.hopscope.model.Node;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads and writes Hopscope documents (JSON, format "hopscope", version 1). Reading is strict and
 * all-or-nothing: any problem is a {@link DocumentException} saying file:line:col and what is
 * wrong, never a partial document. Writing is deterministic (fixed field order, sorted maps, "\n",
 * a trailing newline), so load then save of a saved file is byte-identical. Saving is atomic.
 */
public final class DocumentCodec {

    /** Larger files are refused before parsing: a designer document is kilobytes to a few megabytes. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;
    public static final int MAX_DEPTH = 64;

    private static final JsonFactory JSON = JsonFactory.builder()
            // interned names let the mapping compare field names by identity (see Fields.get)
            .enable(TokenStreamFactory.Feature.INTERN_PROPERTY_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxDocumentLength(MAX_BYTES)
                    .build())
            .build();

    private DocumentCodec() {}

    public static Document load(Path file) {
        String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) throw tooLarge(source, size);
            if (Files.isDirectory(file)) throw new DocumentException(source, 0, 0, file + " is a folder, not a document");
        } catch (NoSuchFileException e) {
            throw new DocumentException(source, 0, 0, "no such file: " + file);
        } catch (IOException e) {
            throw new DocumentException(source, 0, 0, "cannot read " + file + ": " + e.getMessage(), e);
        }
        // streamed, not read into memory first: the parser buffers a few kilobytes at a time;
        // the length constraint still stops a file that grew past the limit since the check
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), strict(file))) {
            return parse(p, source, () -> JSON.createParser(ObjectReadContext.empty(), strict(file)));
        } catch (StrictUtf8InputStream.MalformedException e) {
            throw notUtf8(source, file, e.malformed);
        } catch (JacksonException e) {
            StrictUtf8InputStream.Malformed bad = malformed(e);
            if (bad != null) throw notUtf8(source, file, bad);
            // opening or closing the file failed; reading errors were translated inside
            throw translate(source, e, null);
        } catch (java.io.UncheckedIOException e) {
            throw new DocumentException(source, 0, 0, "cannot read " + file + ": " + e.getCause().getMessage(), e);
        }
    }

    /** A place in a document file, 1-based, as an editor shows it. */
    public record Position(int line, int column) {
        @Override public String toString() { return line + ":" + column; }
    }

    /**
     * Where the validator's problem lies in the file: the value of {@code field} in the node with
     * id {@code nodeId} (or the node itself, or its box in the layout for field "layout"). Empty
     * when the file no longer reads or holds no such node. Positions are not kept while loading,
     * so this reads the file again; it only runs when there is a problem to report.
     */
    public static java.util.Optional<Position> locate(Path file, String nodeId, String field) {
        if (nodeId == null) return java.util.Optional.empty();
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), strict(file))) {
            LocatedParser tree = new LocatedParser(p);
            if (tree.next() == null) return java.util.Optional.empty();
            Located root = tree.value();
            int token = DocumentReader.tokenOf(root, nodeId, field);
            if (token <= 0) return java.util.Optional.empty();
            try (JsonParser again = JSON.createParser(ObjectReadContext.empty(), strict(file))) {
                TokenStreamLocation at = LocatedParser.locate(again, token);
                return java.util.Optional.of(new Position(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr())));
            }
        } catch (RuntimeException e) {
            // a file that no longer reads has no place to show; the problem is still reported
            return java.util.Optional.empty();
        }
    }

    private static java.io.InputStream strict(Path file) {
        try {
            return new StrictUtf8InputStream(Files.newInputStream(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static StrictUtf8InputStream.Malformed malformed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof StrictUtf8InputStream.Malformed m) return m;
        return null;
    }

    /** Says where the bad bytes are, as line and column (in characters) an editor shows. */
    private static DocumentException notUtf8(String source, Path file, StrictUtf8InputStream.Malformed bad) {
        return notUtf8(source, () -> new java.io.BufferedInputStream(Files.newInputStream(file)), bad);
    }

    private interface Bytes {
        java.io.InputStream open() throws IOException;
    }

    private static DocumentException notUtf8(String source, Bytes bytes, StrictUtf8InputStream.Malformed bad) {
        int line = 1, col = 1;
        try (java.io.InputStream in = bytes.open()) {
            for (long i = 0; i < bad.offset; i++) {
                int c = in.read();
                if (c < 0) break;
                if (i < 3 && bad.offset >= 3 && isBomByte(i, c)) continue;
                if (c == '\n') { line++; col = 1; }
                else if ((c & 0xC0) != 0x80) col++;
            }
        } catch (IOException e) {
            line = 1;
            col = 1;
        }
        return new DocumentException(source, line, col, "the file is not valid UTF-8 text: " + bad.getMessage()
                + " (save it as UTF-8)");
    }

    private static boolean isBomByte(long i, int c) {
        return (i == 0 && c == 0xEF) || (i == 1 && c == 0xBB) || (i == 2 && c == 0xBF);
    }

    /**
     * Parses a document's bytes as a file holds them (UTF-8, checked strictly, as {@link #load}
     * does); {@code sourceName} is what error messages call it.
     */
    public static Document read(byte[] utf8, String sourceName) {
        if (utf8.length > MAX_BYTES) throw tooLarge(sourceName, utf8.length);
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), new StrictUtf8InputStream(new java.io.ByteArrayInputStream(utf8)))) {
            return parse(p, sourceName,
                    () -> JSON.createParser(ObjectReadContext.empty(), new StrictUtf8InputStream(new java.io.ByteArrayInputStream(utf8))));
        } catch (StrictUtf8InputStream.MalformedException e) {
            throw notUtf8(sourceName, () -> new java.io.ByteArrayInputStream(utf8), e.malformed);
        } catch (JacksonException e) {
            StrictUtf8InputStream.Malformed bad = malformed(e);
            if (bad != null) throw notUtf8(sourceName, () -> new java.io.ByteArrayInputStream(utf8), bad);
            throw translate(sourceName, e, null);
        }
    }

    /** Parses document text; {@code sourceName} is what error messages call it (a file name). */
    public static Document read(String json, String sourceName) {
        // a char is at least one UTF-8 byte, so this never refuses a document under the limit
        if (json.length() > MAX_BYTES) throw tooLarge(sourceName, json.length());
        if (json.startsWith("\uFEFF")) json = json.substring(1);
        String text = json;
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
            return parse(p, sourceName, () -> JSON.createParser(ObjectReadContext.empty(), text));
        }
    }

    public static String write(Document doc) {
        StringWriter text = new StringWriter(64 + doc.nodes().size() * 160);
        PrettyPrinter pretty = new LinePrettyPrinter();
        ObjectWriteContext context = new ObjectWriteContext.Base() {
            @Override public PrettyPrinter getPrettyPrinter() { return pretty; }
            @Override public boolean hasPrettyPrinter() { return true; }
        };
        try (JsonGenerator g = JSON.createGenerator(context, text)) {
            Out o = new Out(g);
            g.writeStartObject();
            o.str("format", Document.FORMAT).num("version", Document.VERSION).str("name", doc.name()).str("description", doc.description());
            if (doc.lesson() != null) {
                g.writeObjectPropertyStart("lesson");
                o.str("title", doc.lesson().title()).str("text", doc.lesson().text()).str("from", doc.lesson().from())
                        .str("to", doc.lesson().to()).str("probe", doc.lesson().probe() == null ? null : doc.lesson().probe().toString());
                g.writeEndObject();
            }
            // one saved flow per line, like nodes
            o.list("scenarios", doc.scenarios(), (w, sc) -> w.str("name", sc.name()).str("from", sc.from()).str("to", sc.to())
                    .str("probe", sc.probe().toString()).str("expect", sc.expect()).str("note", sc.note()));
            g.writeArrayPropertyStart("nodes");
            for (Node n : doc.nodes()) {
                g.writeStartObject();
                NodeWriter.write(o, n);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectPropertyStart("layout");
            // Document keeps its layout sorted by id; the file relies on that for stable output
            for (Map.Entry<String, Box> e : doc.layout().entrySet()) {
                Box b = e.getValue();
                g.writeObjectPropertyStart(e.getKey());
                try {
                    o.num("x", b.x()).num("y", b.y()).num("w", b.w()).num("h", b.h());
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("the box of \"" + e.getKey() + "\": " + ex.getMessage(), ex);
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        return text.append('\n').toString();
    }

    /**
     * Writes the document to {@code file} atomically: the old file stays intact until the new one
     * is complete on disk, whatever fails and whenever the process dies.
     */
    public static void save(Document doc, Path file) {
        AtomicFile.write(file, () -> write(doc).getBytes(StandardCharsets.UTF_8), null);
    }

    /** @param again a fresh parser of the same input, to find an error's line and column */
    private static Document parse(JsonParser p, String source, Supplier<JsonParser> again) {
        try {
            return parseTokens(p, source);
        } catch (JacksonException e) {
            StrictUtf8InputStream.Malformed bad = malformed(e);
            if (bad != null) throw new StrictUtf8InputStream.MalformedException(bad);
            throw translate(source, e, p.currentLocation());
        } catch (Misplaced e) {
            TokenStreamLocation at;
            // positions are not kept while reading: find this one by reading up to its token again
            try (JsonParser fresh = again.get()) {
                at = LocatedParser.locate(fresh, e.token);
            } catch (JacksonException unreadable) {
                at = null; // the file changed or vanished since: the problem is still worth saying
            }
            throw at == null ? new DocumentException(source, 0, 0, e.problem)
                    : new DocumentException(source, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()), e.problem);
        }
    }

    private static Document parseTokens(JsonParser p, String source) {
        LocatedParser tree = new LocatedParser(p);
        JsonToken first = tree.next();
        if (first == null) throw new DocumentException(source, 1, 1, "the file is empty; a Hopscope document is a JSON object");
        Located root = tree.value();
        if (p.nextToken() != null) {
            TokenStreamLocation at = p.currentTokenLocation();
            throw new DocumentException(source, at.getLineNr(), at.getColumnNr(),
                    "unexpected content after the end of the document");
        }
        return DocumentReader.read(root);
    }

    private static DocumentException tooLarge(String source, long size) {
        return new DocumentException(source, 1, 1, "the file is " + mib(size) + "; documents are limited to "
                + mib(MAX_BYTES) + " (is this the right file?)");
    }

    private static String mib(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB"
                : String.format(java.util.Locale.ROOT, "%.1f MiB (%d bytes)", bytes / (1024.0 * 1024.0), bytes);
    }

    /** Jackson's messages are for programmers; keep their position and say it plainly. */
    static DocumentException translate(String source, JacksonException e, TokenStreamLocation parserAt) {
        // constraint violations carry no location of their own; the parser knows where it stopped
        TokenStreamLocation at = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? parserAt : e.getLocation();
        int line = at == null || at.getLineNr() < 1 ? 1 : at.getLineNr();
        int col = at == null || at.getColumnNr() < 1 ? 1 : at.getColumnNr();
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int nl = original.indexOf('\n');
        if (nl >= 0) original = original.substring(0, nl);
        String what;
        if (e instanceof JacksonIOException)
            return new DocumentException(source, 0, 0, "cannot read the file: " + original, e);
        if (e instanceof StreamConstraintsException && original.contains("nesting depth"))
            what = "the JSON is nested more than " + MAX_DEPTH + " levels deep";
        else if (e instanceof StreamConstraintsException)
            what = "the file exceeds a limit: " + original;
        else if (original.startsWith("Unexpected end-of-input"))
            what = "the file ends too early (is it truncated?): " + original;
        else
            what = "not valid JSON: " + original;
        return new DocumentException(source, line, col, what, e);
    }
}
