package dev.hopscope.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hopscope.model.Box;
import dev.hopscope.model.Document;
import dev.hopscope.model.Lesson;
import dev.hopscope.model.Node;

/** Maps the located JSON tree of a whole file to a {@link Document}, or fails with a position. */
final class DocumentReader {

    private static final Set<String> TOP = Set.of("format", "version", "name", "description", "lesson", "nodes", "layout");
    private static final Set<String> BOX = Set.of("x", "y", "w", "h");
    private static final Set<String> LESSON = Set.of("title", "text", "from", "to", "probe");

    private DocumentReader() {}

    static Document read(String source, Located root) {
        if (root.type != Located.Type.OBJECT)
            throw new DocumentException(source, root.line, root.column,
                    "a Hopscope document is a JSON object starting with {\"format\": \"hopscope\", ...}, not " + root.shown());
        Fields top = Fields.of(source, root, "the document", "the document");
        Located format = top.get("format");
        if (format == null)
            throw top.error("missing \"format\": \"" + Document.FORMAT + "\" (is this a Hopscope document?)");
        if (format.type != Located.Type.STRING || !Document.FORMAT.equals(format.text))
            throw top.error(format, "\"format\" must be \"" + Document.FORMAT + "\", not " + format.shown() + " (is this a Hopscope document?)");
        Located version = top.get("version");
        if (version == null) throw top.error("missing \"version\" (this Hopscope reads version " + Document.VERSION + ")");
        if (version.type != Located.Type.INTEGER || version.integer != Document.VERSION)
            throw top.error(version, "version " + version.shown() + " is not supported; this Hopscope reads version "
                    + Document.VERSION + " only");
        top.allow(TOP);

        List<Node> nodes = new ArrayList<>();
        Located list = top.get("nodes");
        if (list != null) {
            if (list.type != Located.Type.ARRAY) throw top.error(list, "\"nodes\" must be a list, not " + list.shown());
            for (int i = 0; i < list.items.size(); i++) nodes.add(NodeReader.read(source, list.items.get(i), i));
        }
        return new Document(top.string("name"), top.string("description"), lesson(top), nodes, layout(source, top));
    }

    private static Lesson lesson(Fields top) {
        Fields l = top.object("lesson", "the lesson");
        if (l == null) return null;
        l.allow(LESSON);
        return l.build(f -> new Lesson(f.string("title"), f.string("text"), f.string("from"), f.string("to"), f.probe("probe")));
    }

    private static Map<String, Box> layout(String source, Fields top) {
        Fields layout = top.object("layout", "the layout");
        if (layout == null) return Map.of();
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (Located.Member m : layout.located().members.values()) {
            Fields b = Fields.of(source, m.value(), "the box of \"" + m.name() + "\"", "\"" + m.name() + "\" in the layout").allow(BOX);
            boxes.put(m.name(), new Box(b.requiredDecimal("x"), b.requiredDecimal("y"), b.decimal("w", 0), b.decimal("h", 0)));
        }
        return boxes;
    }
}
