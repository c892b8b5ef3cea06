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
 * The lesson of the open document, in the right-hand column: its title, its explanation, a
 * "Play this trace" button that fills the simulation panel with the lesson's flow and plays it,
 * "Play as a challenge", and the score of the last challenge of this sample.
 * The learner can fold it away; it is shown only while the document has a lesson.
 */
public final class LearnPanel extends TitledPane {
    private final Label text = new Label();
    private final Label flow = new Label();
    private final Button play = new Button("Play this trace", new FontIcon("mdi2p-play"));
    private final Button challenge = new Button("Play as a challenge", new FontIcon("mdi2t-trophy-outline"));
    private final Label score = new Label();
    private Lesson lesson;
    private String documentName;
    private Consumer<Lesson> onPlay = l -> {};
    private Consumer<Lesson> onChallenge = l -> {};
    private java.util.function.Function<String, String> lastScore = name -> null;

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
        challenge.getStyleClass().add("lesson-challenge");
        challenge.setId("lesson-challenge");
        challenge.setOnAction(e -> { if (lesson != null) onChallenge.accept(lesson); });
        score.getStyleClass().add("lesson-score");
        score.setId("lesson-score");
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(8, 6, play, challenge);
        // a long lesson scrolls; its flow and buttons stay in sight
        javafx.scene.control.ScrollPane textScroll = new javafx.scene.control.ScrollPane(text);
        textScroll.setFitToWidth(true);
        textScroll.getStyleClass().add("lesson-scroll");
        textScroll.setId("lesson-scroll");
        textScroll.setMinViewportHeight(48);
        textScroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        textScroll.prefViewportHeightProperty().bind(text.heightProperty());
        VBox.setVgrow(textScroll, javafx.scene.layout.Priority.ALWAYS);
        VBox body = new VBox(textScroll, flow, buttons, score);
        body.getStyleClass().add("lesson-body");
        setContent(body);
        setExpanded(true);
        state.document().addListener((o, was, now) -> show(now, was));
        show(state.current(), null);
    }

    /** What "Play this trace" does. */
    public void onPlay(Consumer<Lesson> action) { this.onPlay = action; }

    /** What "Play as a challenge" does. */
    public void onChallenge(Consumer<Lesson> action) { this.onChallenge = action; }

    /** Where the score of the last challenge of a sample (by document name) is found, as words; null when none. */
    public void lastScore(java.util.function.Function<String, String> source) {
        this.lastScore = source;
        showScore();
    }

    /** Shows the last challenge's score again (after a challenge ends). */
    public void showScore() {
        String s = documentName == null ? null : lastScore.apply(documentName);
        score.setText(s == null ? "" : "Last challenge: " + s + " right");
        score.setVisible(s != null);
        score.setManaged(s != null);
    }

    public Lesson lesson() { return lesson; }

    private void show(Document d, Document before) {
        Lesson l = d == null ? null : d.lesson();
        boolean fresh = l != null && (before == null || !l.equals(before.lesson()));
        lesson = l;
        documentName = d == null ? null : d.name();
        setVisible(l != null);
        setManaged(l != null);
        if (l == null) return;
        setText("Learn · " + (l.title() == null ? d.name() : l.title()));
        text.setText(l.text() == null ? "" : l.text());
        boolean playable = l.from() != null && l.to() != null;
        flow.setText(playable ? "Trace: " + l.from() + " → " + l.to() + " " + (l.probe() == null ? "icmp" : l.probe()) : "");
        flow.setVisible(playable);
        play.setDisable(!playable);
        challenge.setDisable(!playable);
        showScore();
        // a new lesson opens unfolded, even if the last one was folded away
        if (fresh) setExpanded(true);
    }
}
