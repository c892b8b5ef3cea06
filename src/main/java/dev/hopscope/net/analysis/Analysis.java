package dev.hopscope.net.analysis;

import dev.hopscope.net.Finding;

import java.util.List;

/** Everything the analysis knows about a design: endpoints, checked intents, the reachability matrix and findings. */
public record Analysis(String topology, List<Endpoint> endpoints, List<IntentResult> intents, Matrix matrix, List<Finding> findings) {
    public Analysis {
        endpoints = List.copyOf(endpoints);
        intents = List.copyOf(intents);
        findings = List.copyOf(findings);
    }

    /** True when an intent is violated or a finding is an error: the command line exits 1. */
    public boolean failing() {
        return intents.stream().anyMatch(i -> !i.ok()) || findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR);
    }
}
