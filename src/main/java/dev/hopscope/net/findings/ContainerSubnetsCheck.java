package dev.hopscope.net.findings;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Node;
import dev.hopscope.net.Finding;

import java.util.List;
import java.util.function.Consumer;

/**
 * A container on an overlay and another network whose subnets overlap (OVERLAPPING_SUBNETS):
 * inside the container two connected routes cover the same addresses, and traffic for one network
 * leaves through the other's interface. Two bridges of one host are reported once, for the host,
 * by {@link OverlappingSubnetsCheck}.
 */
final class ContainerSubnetsCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Container c : ctx.doc().all(Container.class)) {
            if (c.mode() != Container.Mode.BRIDGE) continue;
            List<Attachment> atts = c.attachments();
            for (int i = 0; i < atts.size(); i++)
                for (int j = i + 1; j < atts.size(); j++) {
                    Node x = ctx.doc().node(atts.get(i).network()).orElse(null);
                    Node y = ctx.doc().node(atts.get(j).network()).orElse(null);
                    if (x == null || y == null || x.id().equals(y.id()) || (x instanceof Bridge && y instanceof Bridge)) continue;
                    Cidr cx = Ipam.subnet(ctx.doc(), x.id()).orElse(null);
                    Cidr cy = Ipam.subnet(ctx.doc(), y.id()).orElse(null);
                    if (cx == null || cy == null || !cx.overlaps(cy)) continue;
                    out.accept(new Finding(Finding.Severity.ERROR, Codes.OVERLAPPING_SUBNETS, List.of(c.id(), x.id(), y.id()),
                            "Container " + c.name() + " is attached to " + x.kind().label() + " " + x.name() + " (" + cx + ") and "
                                    + y.kind().label() + " " + y.name() + " (" + cy + "), which overlap: inside " + c.name()
                                    + " two routes cover the same addresses, so traffic for one network leaves through the other's interface.",
                            "Give " + y.name() + " a subnet that does not overlap " + cx + FreeSubnet.example(ctx, cy) + "."));
                }
        }
    }
}
