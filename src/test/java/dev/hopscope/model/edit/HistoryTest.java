package dev.hopscope.model.edit;

import dev.hopscope.model.Box;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Underlay;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryTest {

    private static Document start() {
        return Document.empty("t").with(new Underlay("lan", "lan", "192.168.50.0/24", 1500), new Box(0, 300, 400, 26));
    }

    /** One random edit of the kinds the designer makes: add, move, rename, nudge (merged), delete. */
    private static void randomEdit(History h, Random r) {
        Document d = h.current();
        List<Host> hosts = d.all(Host.class);
        int kind = hosts.isEmpty() ? 0 : r.nextInt(5);
        switch (kind) {
            case 0 -> h.execute("add", x -> {
                String id = x.freshId("h");
                return x.with(Host.docker(id, "lan", null), new Box(r.nextInt(500), r.nextInt(500), 300, 200));
            });
            case 1 -> {
                String id = hosts.get(r.nextInt(hosts.size())).id();
                double dx = r.nextInt(7) * 10 - 30;
                h.execute("move", x -> Edits.move(x, List.of(id), dx, 10));
            }
            case 2 -> {
                String id = hosts.get(r.nextInt(hosts.size())).id();
                String name = "n" + r.nextInt(1000);
                h.execute("rename", "field:" + id + ":name", x -> x.update(id, n -> ((Host) n).withName(name)));
            }
            case 3 -> {
                String id = hosts.get(r.nextInt(hosts.size())).id();
                h.execute("nudge", "nudge:" + id, x -> Edits.move(x, List.of(id), 10, 0));
            }
            default -> {
                String id = hosts.get(r.nextInt(hosts.size())).id();
                h.execute("delete", x -> Edits.delete(x, List.of(id)));
            }
        }
    }

    @RepeatedTest(25)
    void undoAllReturnsExactlyTheStartAndRedoAllExactlyTheEnd(RepetitionInfo info) {
        Random r = new Random(1000 + info.getCurrentRepetition());
        Document start = start();
        History h = new History(start);
        int edits = 5 + r.nextInt(60);
        for (int i = 0; i < edits; i++) randomEdit(h, r);
        Document end = h.current();
        int depth = h.undoDepth();
        while (h.undo()) { /* all the way back */ }
        assertThat(h.current()).isEqualTo(start);
        assertThat(h.isDirty()).isFalse();
        for (int i = 0; i < depth; i++) assertThat(h.redo()).isTrue();
        assertThat(h.current()).isEqualTo(end);
        assertThat(h.canRedo()).isFalse();
    }

    @RepeatedTest(10)
    void everyIntermediateStateComesBackOnTheWayDown(RepetitionInfo info) {
        Random r = new Random(77 + info.getCurrentRepetition());
        History h = new History(start());
        List<Document> seen = new ArrayList<>();
        seen.add(h.current());
        for (int i = 0; i < 30; i++) {
            int before = h.undoDepth();
            randomEdit(h, r);
            if (h.undoDepth() > before) seen.add(h.current());
            else seen.set(seen.size() - 1, h.current()); // merged into the previous step, or no change
        }
        for (int i = seen.size() - 1; i > 0; i--) {
            assertThat(h.current()).isEqualTo(seen.get(i));
            h.undo();
        }
        assertThat(h.current()).isEqualTo(seen.get(0));
    }

    @Test void consecutiveNudgesOfTheSameNodesAreOneStep() {
        History h = new History(start());
        h.execute("add", d -> d.with(Host.docker("a", "lan", null), new Box(0, 0, 300, 200)));
        for (int i = 0; i < 5; i++) h.execute("Nudge a", "nudge:a", d -> Edits.move(d, List.of("a"), 10, 0));
        assertThat(h.undoDepth()).isEqualTo(2);
        assertThat(h.current().box("a").orElseThrow().x()).isEqualTo(50);
        h.undo();
        assertThat(h.current().box("a").orElseThrow().x()).isEqualTo(0);
    }

    @Test void aChangeThatChangesNothingIsNoStep() {
        History h = new History(start());
        assertThat(h.execute("nothing", d -> d)).isEmpty();
        assertThat(h.canUndo()).isFalse();
    }

    @Test void dirtyFollowsTheSavedPositionAndAnUnreachableSaveStaysDirty() {
        History h = new History(start());
        h.execute("add", d -> d.with(Host.docker("a", "lan", null), new Box(0, 0, 300, 200)));
        assertThat(h.isDirty()).isTrue();
        h.markSaved();
        assertThat(h.isDirty()).isFalse();
        h.undo();
        assertThat(h.isDirty()).isTrue();
        h.redo();
        assertThat(h.isDirty()).isFalse();
        h.undo();
        h.execute("other", d -> d.with(Host.docker("b", "lan", null), new Box(0, 0, 300, 200)));
        assertThat(h.isDirty()).isTrue();
        h.undo();
        assertThat(h.isDirty()).isTrue();
    }

    @Test void anEditPushedFromInsideAnotherIsRefused() {
        History h = new History(start());
        assertThatThrownBy(() -> h.execute("outer", d -> {
            h.execute("inner", x -> x.withName("inner"));
            return d.withName("outer");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("while another edit");
        assertThat(h.current()).isEqualTo(start());
        h.addListener(() -> h.execute("from a listener", x -> x.withName("echo")));
        assertThatThrownBy(() -> h.execute("rename", d -> d.withName("x"))).isInstanceOf(IllegalStateException.class);
    }

    @Test void theEditMenuNamesWhatWillBeUndoneAndRedone() {
        History h = new History(start());
        h.execute("Add host a", d -> d.with(Host.docker("a", "lan", null), new Box(0, 0, 300, 200)));
        assertThat(h.undoDescription()).contains("Add host a");
        h.undo();
        assertThat(h.redoDescription()).contains("Add host a");
        assertThat(h.undoDescription()).isEmpty();
    }
}
