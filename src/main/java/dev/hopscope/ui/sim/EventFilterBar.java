package dev.hopscope.ui.sim;

import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;

import java.util.EnumMap;
import java.util.Map;

/**
 * Packet Tracer's event filters: one toggle per protocol (ARP, DNS, ICMP, TCP, UDP, VXLAN) above
 * the event list ({@code .event-filters}, toggles {@code .event-filter}, ids
 * {@code filter-ARP} ...). A protocol switched off leaves the list and is stepped over.
 */
public final class EventFilterBar extends HBox {
    private final Map<EventProtocol, ToggleButton> toggles = new EnumMap<>(EventProtocol.class);

    public EventFilterBar(Playback playback) {
        getStyleClass().add("event-filters");
        setId("event-filters");
        setAlignment(Pos.CENTER_LEFT);
        Label caption = new Label("show");
        caption.getStyleClass().add("sim-caption");
        getChildren().add(caption);
        for (EventProtocol p : EventProtocol.values()) {
            ToggleButton t = new ToggleButton(p.label());
            t.setId("filter-" + p.name());
            t.getStyleClass().add("event-filter");
            t.setSelected(playback.shown().contains(p));
            dev.hopscope.ui.HoverTip.install(t, p == EventProtocol.VXLAN ? "Show tunnelled packets (VXLAN, GENEVE, IPIP, ESP) in the list and when stepping"
                    : "Show " + p.label() + " events in the list and when stepping");
            t.selectedProperty().addListener((o, was, on) -> {
                if (on) playback.shown().add(p);
                else playback.shown().remove(p);
            });
            toggles.put(p, t);
            getChildren().add(t);
        }
        playback.shown().addListener((SetChangeListener<EventProtocol>) c -> {
            for (Map.Entry<EventProtocol, ToggleButton> e : toggles.entrySet()) e.getValue().setSelected(playback.shown().contains(e.getKey()));
        });
    }
}
