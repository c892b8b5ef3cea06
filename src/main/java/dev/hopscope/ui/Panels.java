package dev.hopscope.ui;

import dev.hopscope.ui.sim.SimulationPanel;
import javafx.scene.control.Tab;

/**
 * The panels that show what the engine says about the drawing: the simulation panel in the
 * bottom dock (first tab), with the live flags, findings, matrix and learn panels around it.
 */
public final class Panels {
    private final SimulationPanel simulation;
    private final Tab simulationTab;

    Panels(MainWindow window) {
        simulation = new SimulationPanel(window.state(), window.canvas());
        simulationTab = new Tab("Simulation", simulation);
        simulationTab.setClosable(false);
        simulationTab.setId("tab-simulation");
        window.bottomDock().getTabs().add(0, simulationTab);
        window.bottomDock().getSelectionModel().select(simulationTab);
    }

    public SimulationPanel simulation() { return simulation; }

    /** Brings the simulation panel to the front. */
    public void showSimulation() { simulationTab.getTabPane().getSelectionModel().select(simulationTab); }
}
