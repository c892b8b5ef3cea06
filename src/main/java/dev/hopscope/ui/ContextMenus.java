package dev.hopscope.ui;

import dev.hopscope.model.Link;
import dev.hopscope.model.edit.Blueprint;
import dev.hopscope.model.edit.Connections;
import dev.hopscope.model.edit.Creation;
import dev.hopscope.ui.canvas.CanvasView;
import dev.hopscope.ui.canvas.LinkView;
import dev.hopscope.ui.canvas.NodeView;
import dev.hopscope.ui.canvas.Snap;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

import java.util.List;

import static dev.hopscope.ui.Menus.item;

/** Right-click menus: on a node (edit it), on a link (remove it), on the empty canvas (add, paste, arrange). */
final class ContextMenus {
    private ContextMenus() {}

    static void install(CanvasView canvas, AppState state, EditActions actions, Commands commands) {
        ContextMenu[] open = new ContextMenu[1];
        canvas.setOnContextMenuRequested(e -> {
            if (open[0] != null) open[0].hide();
            javafx.scene.Node picked = e.getPickResult().getIntersectedNode();
            NodeView v = owner(picked, NodeView.class);
            LinkView l = owner(picked, LinkView.class);
            Point2D at = canvas.sceneToCanvas(e.getSceneX(), e.getSceneY());
            ContextMenu menu = new ContextMenu();
            menu.getStyleClass().add("canvas-menu");
            if (v != null) {
                if (!state.selection().contains(v.nodeId())) state.select(List.of(v.nodeId()));
                menu.getItems().addAll(
                        item("Duplicate", null, x -> actions.duplicate()),
                        item("Copy", null, x -> actions.copy()),
                        item("Cut", null, x -> actions.cut()),
                        new SeparatorMenuItem(),
                        item("Delete", null, x -> actions.delete()));
            } else if (l != null) {
                Link link = l.link();
                canvas.selectedLink().set(link);
                menu.getItems().add(item("Remove this " + LinkView.styleClass(link.kind()) + " link", null,
                        x -> state.apply(Connections.disconnect(state.current(), link))));
            } else {
                Menu add = new Menu("Add here");
                for (Blueprint b : Blueprint.values())
                    add.getItems().add(item(b.title(), null,
                            x -> state.apply(Creation.drop(state.current(), b, Snap.round(at.getX()), Snap.round(at.getY())))));
                MenuItem paste = item("Paste", null, x -> actions.paste());
                paste.setDisable(!actions.canPaste());
                menu.getItems().addAll(add, paste, new SeparatorMenuItem(),
                        item("Select All", null, x -> actions.selectAll()),
                        item("Zoom to Fit", null, x -> canvas.fit()),
                        item("Auto-Layout Everything", null, x -> commands.arrange()));
            }
            open[0] = menu;
            menu.show(canvas, e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    private static <T> T owner(javafx.scene.Node picked, Class<T> type) {
        for (javafx.scene.Node n = picked; n != null; n = n.getParent()) if (type.isInstance(n)) return type.cast(n);
        return null;
    }
}
