package dev.hopscope.net.findings;

import dev.hopscope.model.Document;
import dev.hopscope.model.Ipam;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs every design-wide check over one document snapshot. The result is ordered by severity
 * (errors first), then code, then subjects, so two runs over the same document print the same.
 */
public final class DesignChecks {

    /** Every check, one rule each. */
    public static final List<DesignCheck> ALL = List.of(
            new OverlappingSubnetsCheck(),
            new ContainerSubnetsCheck(),
            new ServiceCidrCheck(),
            new DuplicateAddressCheck(),
            new HostPortClashCheck(),
            new NamespacePortClashCheck(),
            new DefaultBridgeDnsCheck(),
            new OverlayMtuCheck(),
            new VniMismatchCheck(),
            new OverlayControlPlaneCheck(),
            new ServiceEndpointsCheck(),
            new ServiceTargetPortCheck(),
            new ServiceAllocationCheck(),
            new PodNatCheck(),
            new PodRoutingCheck(),
            new NameCollisionCheck(),
            new InternalNetworkPublishedCheck(),
            new PublishedPortClosedCheck(),
            new UnattachedCheck());

    /** Findings order: severity, code, subjects (element by element), then message. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::severity)
            .thenComparing(Finding::code)
            .thenComparing(Finding::subjects, DesignChecks::compareLists)
            .thenComparing(Finding::message);

    private DesignChecks() {}

    public static List<Finding> run(Document doc, Ipam.Addressing addressing) {
        Context ctx = new Context(doc, addressing);
        List<Finding> out = new ArrayList<>();
        for (DesignCheck check : ALL) check.check(ctx, out::add);
        out.sort(ORDER);
        return List.copyOf(out);
    }

    /** Convenience: allocates addresses first. */
    public static List<Finding> run(Document doc) {
        return run(doc, Ipam.allocate(doc));
    }

    private static int compareLists(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }
}
