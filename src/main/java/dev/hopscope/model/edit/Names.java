package dev.hopscope.model.edit;

import dev.hopscope.model.Document;

import java.util.List;

/**
 * Names for nodes added from the palette, chosen so that sentences about them read well: a
 * container is "web" or "db" (so a finding says "Container web publishes…", not "Container
 * container"), hosts count "host-1", "host-2". A name is also the node's id, and is used by
 * neither an id nor a name of the document yet.
 */
final class Names {
    private Names() {}

    /** Roles a container or pod usually plays, handed out in order; then app-1, app-2, ... */
    static final List<String> ROLES = List.of("web", "api", "db", "cache", "worker", "queue", "proxy", "auth");

    static boolean free(Document doc, String name) {
        return doc.find(name).isEmpty();
    }

    /** The first of prefix-1, prefix-2, ... (or prefix1 ... when {@code dash} is false) that is free. */
    static String numbered(Document doc, String prefix, boolean dash) {
        for (int i = 1; ; i++) {
            String n = prefix + (dash ? "-" : "") + i;
            if (free(doc, n)) return n;
        }
    }

    /** The first free role, then app-1, app-2, ... */
    static String role(Document doc) {
        for (String r : ROLES) if (free(doc, r)) return r;
        return numbered(doc, "app", true);
    }

    /** The name itself when it is free, else name-2, name-3, ... */
    static String first(Document doc, String name) {
        if (free(doc, name)) return name;
        for (int i = 2; ; i++) if (free(doc, name + "-" + i)) return name + "-" + i;
    }
}
