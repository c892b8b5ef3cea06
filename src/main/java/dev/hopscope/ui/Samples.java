package dev.hopscope.ui;

import dev.hopscope.model.Document;

import java.util.List;

/** The samples the Samples menu lists; until the engine's sample set lands, the built-in welcome. */
final class Samples {
    private Samples() {}

    static List<String> names() { return List.of("welcome"); }

    static Document open(String name) {
        if ("welcome".equals(name)) return WelcomeDocument.create();
        throw new IllegalArgumentException("no sample named '" + name + "'");
    }
}
