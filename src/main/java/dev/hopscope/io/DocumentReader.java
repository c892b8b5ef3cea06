package dev.hopscope.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.hopscope.model.Box;
import dev.hopscope.model.Document;
import dev.hopscope.model.Lesson;
import dev.hopscope.model.Node;
import dev.hopscope.model.Scenario;
import dev.hopscope.net.trace.Disposition;

/** Maps the located JSON tree of a whole file to a {@link Document}, or fails with a position. */
final class DocumentReader {

    private static final Set<String> TOP = Set.of("format", "version", "name", "description", "lesson", "scenarios", "nodes", "layout");
    private static final Set<String> BOX = Set.of("x", "y", "w", "h");
    private static final Set<String> LESSON = Set.of("title", "text", "from", "to", "probe");
    private static final Set<String> SCENARIO = Set.of("name", "from", "to", "probe", "expect", "note");
    private static final Choices<Disposition> OUTCOMES = Choices.of(Disposition.values(), Disposition::name);

    private DocumentReader() {}

    static Document read(Located root) {
        if (root.type != Located.Type.OBJECT)
            throw new Misplaced(root.token,
                    "a Hopscope document is a JSON object starting with {\"format\": \"hopscope\", ...}, not " + root.shown());
        Fields top = Fields.of(root, "the document", "the document");
        Located format = top.get("format");
        if (format == null)
            throw top.error("missing \"format\": \"" + Document.FORMAT + "\" (is this a Hopscope document?)");
        if (format.type != Located.Type.STRING || !Document.FORMAT.equals(format.text()))
            throw top.error(format, "\"format\" must be \"" + Document.FORMAT + "\", not " + format.shown() + " (is this a Hopscope document?)");
        Located version = top.get("version");
        if (version == null) throw top.error("missing \"version\" (this Hopscope reads version " + Document.VERSION + ")");
        if (version.type != Located.Type.INTEGER || version.integer() != Document.VERSION)
            throw top.error(version, "version " + version.shown() + " is not supported; this Hopscope reads version "
                    + Document.VERSION + " only");
        top.allow(TOP);
        top.done();

        List<Node> nodes = new ArrayList<>();
        Located list = top.get("nodes");
        if (list != null) {
            if (list.type != Located.Type.ARRAY) throw top.error(list, "\"nodes\" must be a list, not " + list.shown());
            Located[] items = list.values();
            for (int i = 0; i < items.length; i++) nodes.add(NodeReader.read(items[i], i));
        }
        return new Document(top.string("name"), top.string("description"), lesson(top), scenarios(top), nodes, layout(top));
    }

    /**
     * The token where a validator's problem lies: the value of {@code field} in the node with
     * this id, else the node; for field "layout" the node's box. 0 when there is no such node.
     */
    static int tokenOf(Located root, String nodeId, String field) {
        Located nodes = member(root, field != null && field.equals("layout") ? "layout" : "nodes");
        if (nodes == null) return 0;
        if (nodes.type == Located.Type.OBJECT) {
            Located box = member(nodes, nodeId);
            return box == null ? 0 : box.token;
        }
        for (Located n : nodes.values()) {
            Located id = member(n, "id");
            if (id == null || id.type != Located.Type.STRING || !nodeId.equals(id.text())) continue;
            Located value = field == null ? null : member(n, field);
            if (value == null && "modeTarget".equals(field)) value = member(n, "mode");
            if (value == null && "mode".equals(field)) value = member(n, "modeTarget");
            return value != null ? value.token : n.token;
        }
        return 0;
    }

    private static Located member(Located object, String name) {
        if (object.type != Located.Type.OBJECT) return null;
        String[] names = object.names();
        for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return object.values()[i];
        return null;
    }

    private static Lesson lesson(Fields top) {
        Fields l = top.object("lesson", "the lesson");
        if (l == null) return null;
        l.allow(LESSON);
        return l.build(f -> new Lesson(f.string("title"), f.string("text"), f.string("from"), f.string("to"), f.probe("probe")));
    }

    /** Saved flows; "expect" must name a disposition the engine knows, so a typo fails here, not as a wrong verdict. */
    private static List<Scenario> scenarios(Fields top) {
        List<Scenario> list = top.objects("scenarios", "a scenario", f -> {
            f.allow(SCENARIO);
            Disposition expect = f.choice("expect", OUTCOMES);
            return new Scenario(f.string("name"), f.requiredString("from"), f.requiredString("to"), f.probe("probe"),
                    expect == null ? null : expect.name(), f.string("note"));
        });
        return list == null ? List.of() : list;
    }

    private static Map<String, Box> layout(Fields top) {
        Fields layout = top.object("layout", "the layout");
        if (layout == null) return Map.of();
        // a sorted map: Document copies it in linear time, where any other map costs a sort
        TreeMap<String, Box> boxes = new TreeMap<>();
        String[] ids = layout.located().names();
        Located[] values = layout.located().values();
        for (int i = 0; i < ids.length; i++) {
            Located v = values[i];
            if (v.type != Located.Type.OBJECT)
                throw new Misplaced(v.token, "\"" + ids[i] + "\" in the layout must be an object, not " + v.shown());
            Fields b = Fields.of(v, "the box", "a box").named("the box of", ids[i]).allow(BOX);
            boxes.put(ids[i], new Box(b.coordinate("x"), b.coordinate("y"), b.size("w"), b.size("h")));
            b.done();
        }
        return boxes;
    }
}
