package dev.hopscope.ui;

import dev.hopscope.ui.challenge.Challenge;
import dev.hopscope.ui.compare.CompareView;
import dev.hopscope.ui.challenge.Scores;
import dev.hopscope.ui.flags.AnalysisService;
import dev.hopscope.ui.flags.FindingsView;
import dev.hopscope.ui.flags.FlagPainter;
import dev.hopscope.ui.flags.IntentTool;
import dev.hopscope.ui.learn.LearnPanel;
import dev.hopscope.ui.matrix.MatrixView;
import dev.hopscope.ui.objects.ObjectsView;
import dev.hopscope.ui.scenario.ScenarioList;
import dev.hopscope.ui.sim.SimulationPanel;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;

/**
 * The panels that show what the engine says about the drawing: the simulation panel in the
 * bottom dock (first tab), the live analysis with its flags on the canvas and the findings list,
 * the matrix and the learn panel.
 */
public final class Panels {
    private final SimulationPanel simulation;
    private final Tab simulationTab;
    private final AnalysisService analysis;
    private final FlagPainter flags;
    private FindingsView findings;
    private final Tab findingsTab;
    private MatrixView matrix;
    private final Tab matrixTab;
    private final IntentTool intentTool;
    private final LearnPanel learn;
    private final ScenarioList scenarios;
    private final Challenge challenge;
    private final CompareView compare;
    private final Tab compareTab;
    private ObjectsView objects;

    private final MainWindow window;

    Panels(MainWindow window) {
        this.window = window;
        AppState state = window.state();
        simulation = new SimulationPanel(state, window.canvas());
        simulationTab = tab("Simulation", "tab-simulation", simulation);
        window.bottomDock().getTabs().add(0, simulationTab);

        analysis = new AnalysisService(state);
        flags = new FlagPainter(window.canvas(), state, analysis);
        // The hidden tabs' views (Findings, Matrix, Objects) are made when their tab is first
        // selected, or when something asks for them first: each is a function of the analysis or
        // the document as they are then, so nothing is lost by making it later, and the designer is
        // drawn without them (issue 12, start-up). A tab's title counts from the same sources.
        findingsTab = hiddenTab("Findings", "tab-findings", this::findings);
        findingsTab.textProperty().bind(Bindings.createStringBinding(
                () -> analysis.running().get() ? "Findings · analysing…"
                        : "Findings (" + FindingsView.items(analysis.problems().get(), analysis.analysis().get()).size() + ")",
                analysis.running(), analysis.analysis(), analysis.problems()));
        ProgressIndicator busy = new ProgressIndicator();
        busy.getStyleClass().add("analysing");
        busy.setId("analysing");
        busy.visibleProperty().bind(analysis.running());
        busy.managedProperty().bind(analysis.running());
        findingsTab.setGraphic(busy);
        window.bottomDock().getTabs().add(1, findingsTab);

        matrixTab = hiddenTab("Matrix", "tab-matrix", this::matrix);
        window.bottomDock().getTabs().add(2, matrixTab);
        compare = new CompareView(state, analysis, window.canvas(), window.commands().prompts(), (from, to, probe) -> {
            simulation.traceFlow(from, to, probe, true);
            showSimulation();
        });
        compareTab = hiddenTab("Compare", "tab-compare", () -> compare);
        compareTab.textProperty().bind(compare.title());
        window.bottomDock().getTabs().add(3, compareTab);
        addCompareToTheViewMenu(window);
        // the Kubernetes objects the canvas does not draw (zoo-ui's): namespaces, Ingresses, NetworkPolicies
        Tab objectsTab = hiddenTab("Objects", "tab-objects", this::objects);
        objectsTab.textProperty().bind(Bindings.createStringBinding(
                () -> "Objects (" + ObjectsView.objects(state.current()).size() + ")", state.document()));
        window.bottomDock().getTabs().add(objectsTab);
        window.bottomDock().getSelectionModel().select(simulationTab);

        intentTool = new IntentTool(state, window.canvas(), simulation::probeFor);
        simulation.addTool(intentTool);
        scenarios = new ScenarioList(state, simulation);
        simulation.addLeft(scenarios, 0.2);

        Scores scores = new Scores(window.commands().settings());
        challenge = new Challenge(state, simulation, window.canvas(), scores);
        javafx.scene.control.Button challengeButton = new javafx.scene.control.Button("Challenge", new org.kordamp.ikonli.javafx.FontIcon("mdi2t-trophy-outline"));
        challengeButton.setId("sim-challenge");
        HoverTip.install(challengeButton, "Play the flow as a challenge: predict each hop and the outcome before it plays");
        challengeButton.disableProperty().bind(challenge.active());
        challengeButton.setOnAction(e -> challengeTheFlow());
        simulation.addTool(challengeButton);
        scenarios.onChallenge(s -> challenge.start(s.from(), s.to(), s.probe(), state.current().name()));

        learn = new LearnPanel(state);
        learn.onPlay(l -> {
            simulation.traceFlow(l.from(), l.to(), l.probe() == null ? dev.hopscope.model.Probe.icmp() : l.probe(), true);
            showSimulation();
        });
        learn.onChallenge(l -> {
            challenge.start(l.from(), l.to(), l.probe() == null ? dev.hopscope.model.Probe.icmp() : l.probe(), state.current().name());
            showSimulation();
        });
        learn.lastScore(name -> scores.last(name).map(Object::toString).orElse(null));
        challenge.onFinished(s -> learn.showScore());
        // the column keeps the width it had in the first frame: a long lesson title is cut, it does not push the canvas
        learn.setMinWidth(0);
        window.rightArea().getChildren().add(learn);
        // a new lesson's flow waits in the simulation panel, so Play plays it
        state.document().addListener((o, was, now) -> {
            dev.hopscope.model.Lesson l = now == null ? null : now.lesson();
            if (l == null || l.from() == null || l.to() == null) return;
            if (was != null && l.equals(was.lesson())) return;
            simulation.setFlow(l.from(), l.to(), l.probe() == null ? dev.hopscope.model.Probe.icmp() : l.probe());
        });
    }

    private static Tab tab(String text, String id, javafx.scene.Node content) {
        Tab t = new Tab(text, content);
        t.setClosable(false);
        t.setId(id);
        return t;
    }

    /**
     * A tab behind the first whose content is made and joins the scene when the tab is first
     * selected: a tab pane keeps every tab's content in the scene, so a hidden panel was made,
     * styled, skinned and laid out at start for nothing (issue 12, start-up).
     */
    private static Tab hiddenTab(String text, String id, java.util.function.Supplier<javafx.scene.Node> content) {
        Tab t = tab(text, id, null);
        Once.whenTrue(t.selectedProperty(), () -> t.setContent(content.get()));
        return t;
    }

    public SimulationPanel simulation() { return simulation; }

    public AnalysisService analysis() { return analysis; }

    public FlagPainter flags() { return flags; }

    /** The Findings tab's list, made on first use (its tab's first selection, or a caller's). */
    public FindingsView findings() {
        if (findings == null) {
            findings = new FindingsView(window.state(), analysis);
            findings.onPlay(r -> {
                simulation.showTrace(r.trace());
                showSimulation();
            });
        }
        return findings;
    }

    /** Brings the simulation panel to the front. */
    public void showSimulation() { simulationTab.getTabPane().getSelectionModel().select(simulationTab); }

    /** The Matrix tab's view, made on first use. */
    public MatrixView matrix() {
        if (matrix == null) {
            matrix = new MatrixView(analysis);
            matrix.onOpen(r -> {
                String to = r.via() == null || r.via().isBlank() || "-".equals(r.via()) ? r.to() : r.via();
                simulation.traceFlow(r.from(), to, r.probe(), true);
                showSimulation();
            });
        }
        return matrix;
    }

    public IntentTool intentTool() { return intentTool; }

    public LearnPanel learn() { return learn; }

    public ScenarioList scenarios() { return scenarios; }

    public Challenge challenge() { return challenge; }

    public CompareView compare() { return compare; }

    /** The Objects tab: namespaces, Ingresses and NetworkPolicies, which the canvas does not draw. */
    public ObjectsView objects() {
        if (objects == null) objects = new ObjectsView(window.state());
        return objects;
    }

    /** Brings the compare view to the front. */
    public void showCompare() { compareTab.getTabPane().getSelectionModel().select(compareTab); }

    /** View › Compare with Saved / Compare with File… / Stop Comparing, after the menu's own items. */
    private void addCompareToTheViewMenu(MainWindow window) {
        javafx.scene.Node bar = window.root().lookup("#menu-bar");
        if (!(bar instanceof javafx.scene.control.MenuBar menus)) return;
        for (javafx.scene.control.Menu m : menus.getMenus()) {
            if (!"View".equals(m.getText())) continue;
            javafx.scene.control.MenuItem saved = new javafx.scene.control.MenuItem("Compare with Saved");
            saved.setId("menu-compare-saved");
            saved.setAccelerator(javafx.scene.input.KeyCombination.keyCombination("Shortcut+Shift+D"));
            saved.setOnAction(e -> { showCompare(); compare.compareWithSaved(); });
            javafx.scene.control.MenuItem file = new javafx.scene.control.MenuItem("Compare with File…");
            file.setId("menu-compare-file");
            file.setOnAction(e -> { showCompare(); compare.compareWithFile(); });
            javafx.scene.control.MenuItem stop = new javafx.scene.control.MenuItem("Stop Comparing");
            stop.setId("menu-compare-stop");
            stop.setOnAction(e -> compare.stop());
            m.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), saved, file, stop);
        }
    }

    /** The Challenge button: the flow last traced, or else the lesson's, as a challenge. */
    private void challengeTheFlow() {
        SimulationPanel.Flow f = simulation.flow();
        dev.hopscope.model.Document d = window.state().current();
        if (f == null && d.lesson() != null && d.lesson().from() != null && d.lesson().to() != null)
            f = new SimulationPanel.Flow(d.lesson().from(), d.lesson().to(), d.lesson().probe() == null ? dev.hopscope.model.Probe.icmp() : d.lesson().probe());
        if (f == null) {
            window.state().message().set("Trace a flow first, then press Challenge to replay it as a quiz");
            return;
        }
        challenge.start(f.from(), f.to(), f.probe(), d.name());
    }

    public void showMatrix() { matrixTab.getTabPane().getSelectionModel().select(matrixTab); }

    public void showFindings() { findingsTab.getTabPane().getSelectionModel().select(findingsTab); }
}
