package dev.hopscope.net;

import dev.hopscope.model.Document;
import dev.hopscope.model.Ipam;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.DesignChecks;
import dev.hopscope.net.provider.Providers;

import java.util.ArrayList;
import java.util.List;

/**
 * Every design-wide finding of a document: the checks every design gets ({@link DesignChecks#ALL})
 * and those of each registered network kind ({@link Providers#checks()}), ordered errors first.
 */
public final class Findings {
    private Findings() {}

    private static final List<DesignCheck> EVERY;
    static {
        List<DesignCheck> all = new ArrayList<>(DesignChecks.ALL);
        all.addAll(Providers.checks());
        EVERY = List.copyOf(all);
    }

    /** Every check that runs: the shared ones, then each network kind's. */
    public static List<DesignCheck> checks() { return EVERY; }

    public static List<Finding> of(Document doc, Ipam.Addressing addressing) { return DesignChecks.run(doc, addressing, EVERY); }

    /** Convenience: allocates addresses first. */
    public static List<Finding> of(Document doc) { return of(doc, Ipam.allocate(doc)); }
}
