package dev.hopscope.net.provider.dockeroverlay;

import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Codes;

import dev.hopscope.model.Overlay;
import dev.hopscope.net.Finding;

import java.util.List;
import java.util.function.Consumer;

/**
 * An overlay with no control plane: nothing tells a VTEP which host holds which MAC or subnet, so
 * no frame finds its way to another host (the kernel's vxlan device has an empty FDB).
 */
public final class OverlayControlPlaneCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Overlay o : ctx.doc().all(Overlay.class)) {
            if (o.controlPlane() != Overlay.ControlPlane.NONE) continue;
            if (o.driver() == Overlay.Driver.DOCKER_OVERLAY) {
                out.accept(new Finding(Finding.Severity.ERROR, Codes.OVERLAY_NO_CONTROL_PLANE, List.of(o.id()),
                        "Overlay " + o.name() + " (VNI " + o.vni() + ") is a Docker overlay with no control plane: a classic (non-swarm) "
                                + "Docker overlay needs a key-value store (Consul, etcd or ZooKeeper), otherwise no VTEP learns where "
                                + "the other hosts' containers are and frames to them go nowhere.",
                        "Set " + o.name() + "'s control plane to swarm (docker swarm init/join) or to kv-store "
                                + "(dockerd --cluster-store=consul://... --cluster-advertise=eth0:2376)."));
            } else {
                out.accept(new Finding(Finding.Severity.ERROR, Codes.OVERLAY_NO_CONTROL_PLANE, List.of(o.id()),
                        "Overlay " + o.name() + " (VNI " + o.vni() + ") is a flannel VXLAN network with no control plane: flanneld "
                                + "leases each node's pod subnet from etcd or the Kubernetes API, and without it no node gets "
                                + "routes or VTEP entries for the others.",
                        "Set " + o.name() + "'s control plane to kv-store (flannel with etcd or --kube-subnet-mgr)."));
            }
        }
    }
}
