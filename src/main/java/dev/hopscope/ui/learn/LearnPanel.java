package dev.hopscope.ui.learn;

import dev.hopscope.model.Document;
import dev.hopscope.model.Lesson;
import dev.hopscope.ui.AppState;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.function.Consumer;

/**
 * The lesson of the open document, in the right-hand column: its title, its explanation and a
 * "Play this trace" button that fills the simulation panel with the lesson's flow and plays it.
 * The learner can fold it away; it is shown only while the document has a lesson.
 */
public final class LearnPanel extends TitledPane {
    private final Label text = new Label();
    private final Label flow = new Label();
    private final Button play = new Button("Play this trace", new FontIcon("mdi2p-play"));
    private Lesson lesson;
    private Consumer<Lesson> onPlay = l -> {};

    public LearnPanel(AppState state) {
        getStyleClass().add("learn-panel");
        setId("learn-panel");
        setGraphic(new FontIcon("mdi2s-school-outline"));
        text.getStyleClass().add("lesson-text");
        text.setId("lesson-text");
        text.setWrapText(true);
        flow.getStyleClass().add("lesson-flow");
        play.getStyleClass().addAll("lesson-play", "accent");
        play.setId("lesson-play");
        play.setOnAction(e -> { if (lesson != null) onPlay.accept(lesson); });
        VBox body = new VBox(text, flow, play);
        body.getStyleClass().add("lesson-body");
        setContent(body);
        setExpanded(true);
        state.document().addListener((o, was, now) -> show(now, was));
        show(state.current(), null);
    }

    /** What "Play this trace" does. */
    public void onPlay(Consumer<Lesson> action) { this.onPlay = action; }

    public Lesson lesson() { return lesson; }

    private void show(Document d, Document before) {
        Lesson l = d == null ? null : d.lesson();
        boolean fresh = l != null && (before == null || !l.equals(before.lesson()));
        lesson = l;
        setVisible(l != null);
        setManaged(l != null);
        if (l == null) return;
        setText("Learn · " + (l.title() == null ? d.name() : l.title()));
        text.setText(l.text() == null ? "" : l.text());
        boolean playable = l.from() != null && l.to() != null;
        flow.setText(playable ? "Trace: " + l.from() + " → " + l.to() + " " + (l.probe() == null ? "icmp" : l.probe()) : "");
        flow.setVisible(playable);
        play.setDisable(!playable);
        // a new lesson opens unfolded, even if the last one was folded away
        if (fresh) setExpanded(true);
    }
}
