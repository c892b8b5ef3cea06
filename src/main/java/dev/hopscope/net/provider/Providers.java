package dev.hopscope.net.provider;

import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.provider.dockerbridge.DockerBridgeProvider;
import dev.hopscope.net.provider.dockeroverlay.DockerOverlayProvider;
import dev.hopscope.net.provider.flannel.FlannelProvider;
import dev.hopscope.net.provider.kubeproxy.KubeProxyProvider;
import dev.hopscope.net.provider.macvlan.MacvlanProvider;
import dev.hopscope.net.provider.calico.CalicoProvider;
import dev.hopscope.net.provider.swarm.SwarmProvider;
import dev.hopscope.net.provider.cilium.CiliumProvider;
import dev.hopscope.net.provider.weave.WeaveProvider;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place network kinds are registered. Order matters where two kinds write into one
 * chain: each phase runs the providers in this order.
 */
public final class Providers {
    private Providers() {}

    private static final DockerOverlayProvider OVERLAY = new DockerOverlayProvider();

    private static final List<NetworkProvider> ALL = List.of(
            new DockerBridgeProvider(),
            OVERLAY,
            new FlannelProvider(),
            new KubeProxyProvider(),
            new MacvlanProvider(),
            new CalicoProvider(),
            new SwarmProvider(OVERLAY),
            new CiliumProvider(),
            new WeaveProvider());

    public static List<NetworkProvider> all() { return ALL; }

    /** The design checks every registered kind adds. */
    public static List<DesignCheck> checks() {
        List<DesignCheck> out = new ArrayList<>();
        for (NetworkProvider p : ALL) out.addAll(p.checks());
        return out;
    }
}
