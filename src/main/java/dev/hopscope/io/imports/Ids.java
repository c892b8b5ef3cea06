package dev.hopscope.io.imports;

import java.util.HashSet;
import java.util.Set;

/**
 * The ids handed out during one import. Names from the file that people will type (services,
 * containers, pods) are claimed first and kept as written; everything the importer invents
 * (networks, hosts, the underlay, the external client) takes what is left.
 */
final class Ids {
    private final Set<String> used = new HashSet<>();

    boolean taken(String id) { return used.contains(id); }

    /** The id itself if free, else id-2, id-3, ... */
    String claim(String id) {
        if (used.add(id)) return id;
        for (int i = 2; ; i++) if (used.add(id + "-" + i)) return id + "-" + i;
    }
}
