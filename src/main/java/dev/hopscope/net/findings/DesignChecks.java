package dev.hopscope.net.findings;

import dev.hopscope.model.Document;
import dev.hopscope.model.Ipam;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs design-wide checks over one document snapshot. The result is ordered by severity (errors
 * first), then code, then subjects, so two runs over the same document print the same. The
 * checks that belong to one network kind (a Docker overlay's MTU, a Service's endpoints, ...)
 * live here too but are named by that kind's provider; {@code dev.hopscope.net.Findings} runs
 * them all.
 */
public final class DesignChecks {

    /** The checks every design gets, whatever its network kinds. */
    public static final List<DesignCheck> ALL = List.of(
            new OverlappingSubnetsCheck(),
            new ContainerSubnetsCheck(),
            new DuplicateAddressCheck(),
            new NamespacePortClashCheck(),
            new NameCollisionCheck(),
            new UnattachedCheck(),
            new LoadBalancerAddressCheck(),
            new IngressBackendCheck(),
            new PodHostPortClashCheck());

    /** Findings order: severity, code, subjects (element by element), then message. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::severity)
            .thenComparing(Finding::code)
            .thenComparing(Finding::subjects, DesignChecks::compareLists)
            .thenComparing(Finding::message);

    private DesignChecks() {}

    /** Runs the given checks over one snapshot, in {@link #ORDER}. */
    public static List<Finding> run(Document doc, Ipam.Addressing addressing, List<DesignCheck> checks) {
        Context ctx = new Context(doc, addressing);
        List<Finding> out = new ArrayList<>();
        for (DesignCheck check : checks) check.check(ctx, out::add);
        out.sort(ORDER);
        return List.copyOf(out);
    }

    private static int compareLists(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }
}
