package dev.hopscope.ui;

import dev.hopscope.model.Document;
import dev.hopscope.model.Node;
import dev.hopscope.model.edit.Connections;
import dev.hopscope.model.edit.Edits;
import dev.hopscope.model.edit.Fragment;
import dev.hopscope.model.edit.Outcome;
import dev.hopscope.ui.canvas.CanvasView;
import dev.hopscope.ui.canvas.Snap;
import javafx.geometry.Point2D;

import java.util.ArrayList;
import java.util.List;

/**
 * The Edit menu's commands on the selection: delete, cut, copy, paste, duplicate, select all,
 * nudge. The clipboard is the designer's own (a {@link Fragment}), so a paste keeps links
 * between the copied nodes and gets fresh ids and addresses.
 */
public final class EditActions {
    /** How far a duplicate lands from its original, in canvas units. */
    private static final double DUPLICATE_OFFSET = Snap.STEP * 3;

    private final AppState state;
    private final CanvasView canvas;
    private Fragment clipboard;
    private int pasteCount;

    public EditActions(AppState state, CanvasView canvas) {
        this.state = state;
        this.canvas = canvas;
    }

    public void delete() {
        List<String> ids = new ArrayList<>(state.selection());
        if (ids.isEmpty() && canvas.selectedLink().get() != null) {
            state.apply(Connections.disconnect(state.current(), canvas.selectedLink().get()));
            return;
        }
        if (ids.isEmpty()) return;
        Document doc = state.current();
        String what = ids.size() == 1 ? doc.node(ids.get(0)).map(Node::name).orElse("node") : ids.size() + " nodes";
        state.executeEdit("Delete " + what, d -> Edits.delete(d, ids));
    }

    public void copy() {
        if (state.selection().isEmpty()) return;
        clipboard = Fragment.of(state.current(), state.selection());
        pasteCount = 0;
        state.message().set("Copied " + clipboard.nodes().size() + " node" + (clipboard.nodes().size() == 1 ? "" : "s"));
    }

    public void cut() {
        copy();
        delete();
    }

    public boolean canPaste() { return clipboard != null && !clipboard.isEmpty(); }

    public void paste() {
        if (!canPaste()) return;
        pasteCount++;
        insert(clipboard, DUPLICATE_OFFSET * pasteCount, "Paste");
    }

    public void duplicate() {
        if (state.selection().isEmpty()) return;
        insert(Fragment.of(state.current(), state.selection()), DUPLICATE_OFFSET, "Duplicate");
    }

    private void insert(Fragment f, double offset, String verb) {
        Fragment.Pasted[] result = new Fragment.Pasted[1];
        boolean done = state.executeEdit(verb + " " + f.nodes().size() + " node" + (f.nodes().size() == 1 ? "" : "s"), d -> {
            result[0] = f.pasteInto(d, offset, offset);
            return result[0].document();
        });
        if (done) {
            List<String> top = new ArrayList<>();
            for (String id : result[0].ids()) {
                Node n = state.current().node(id).orElse(null);
                if (n != null && (n.parent() == null || !result[0].ids().contains(n.parent()))) top.add(id);
            }
            state.select(top);
        }
    }

    public void selectAll() {
        List<String> all = new ArrayList<>();
        for (Node n : state.current().nodes()) if (canvas.scene().nodes().containsKey(n.id())) all.add(n.id());
        state.select(all);
    }

    /** Arrow keys: one grid step (or ten with Shift); a run of nudges undoes as one step. */
    public void nudge(double dx, double dy) {
        if (state.selection().isEmpty()) return;
        List<String> ids = new ArrayList<>(state.selection());
        Outcome o = Edits.moveSelection(state.current(), ids, dx, dy);
        if (o.isRefused()) {
            state.message().set(o.refusal());
            return;
        }
        Document next = o.document();
        state.executeEdit("Nudge " + (ids.size() == 1 ? Edits.label(state.current(), ids.get(0)) : ids.size() + " nodes"),
                "nudge:" + String.join(",", ids), d -> next);
    }

    public Point2D pastePoint() { return canvas.visibleCentre(); }
}
