package dev.hopscope.io.imports;

import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host ports of one Docker host as its containers publish them, in order: a fixed port is
 * taken or Docker refuses the second container that wants it ("port is already allocated"); a
 * host range gives each container the first free port of it; an ephemeral port is the next free
 * one from 32768 (Linux's ip_local_port_range, 32768-60999). Two bindings clash when the
 * protocol and port are the same and either listens on every address or both on the same one.
 */
final class HostPorts {

    static final int FIRST_EPHEMERAL = 32768, LAST_EPHEMERAL = 60999;

    private record Owner(String hostIp, String who, SourceNode at) {}

    private final Diagnostics diag;
    private final Map<Long, List<Owner>> taken = new HashMap<>();
    private final int[] nextEphemeral = {FIRST_EPHEMERAL, FIRST_EPHEMERAL};

    HostPorts(Diagnostics diag) { this.diag = diag; }

    /**
     * The host port replica {@code replica} (of {@code replicas}) of a service gets for one
     * binding; {@code at} is the port entry, {@code service} the service's name.
     */
    PublishedPort publish(ComposePorts.Binding b, SourceNode at, String service, int replica, int replicas) {
        String who = replicas == 1 ? "service '" + service + "'" : "replica " + replica + " of service '" + service + "'";
        String ip = b.hostIp();
        int port;
        if (b.hostPort() == 0) {
            port = ephemeral(b.proto(), ip);
            if (port < 0) throw diag.error(at, "Docker has no ephemeral host port left for container port " + b.containerPort() + " of " + who);
            diag.warn(at, "container port " + b.containerPort() + " of " + (replicas == 1 ? service : who)
                    + " is published on an ephemeral host port; the import uses " + port);
        } else if (b.hostPort() == b.hostPortEnd()) {
            port = b.hostPort();
            Owner owner = owner(ip, port, b.proto());
            if (owner != null) throw clash(at, ip, port, b.proto(), who, owner, service, replicas);
        } else {
            port = -1;
            for (int p = b.hostPort(); p <= b.hostPortEnd() && port < 0; p++) if (owner(ip, p, b.proto()) == null) port = p;
            if (port < 0)
                throw diag.error(at, "Bind for " + (ip == null ? "0.0.0.0" : ip) + ":" + b.hostPort() + "-" + b.hostPortEnd()
                        + " failed: port is already allocated (every port of the range is taken when " + who + " starts)");
        }
        taken.computeIfAbsent(key(port, b.proto()), k -> new ArrayList<>()).add(new Owner(ip, who, at));
        return new PublishedPort(ip, port, b.containerPort(), b.proto());
    }

    private ImportException clash(SourceNode at, String ip, int port, Proto proto, String who, Owner owner, String service, int replicas) {
        String bind = "Bind for " + (ip == null ? "0.0.0.0" : ip) + ":" + port + " failed: port is already allocated";
        if (replicas > 1 && owner.who().endsWith("of service '" + service + "'"))
            return diag.error(at, "service '" + service + "' runs " + replicas + " containers that all publish host port " + port + "/" + proto.label()
                    + ": Docker starts the first and refuses the others (" + bind + "); publish a host range (\"" + port + "-" + (port + replicas - 1)
                    + ":...\") or let Docker pick (only the container port)");
        return diag.error(at, who + " publishes host port " + port + "/" + proto.label() + ", which " + owner.who() + " already publishes ("
                + owner.at().where(diag.file()) + "): Docker refuses to start the second (" + bind + ")");
    }

    private Owner owner(String ip, int port, Proto proto) {
        List<Owner> owners = taken.get(key(port, proto));
        if (owners == null) return null;
        for (Owner o : owners) if (ip == null || o.hostIp() == null || ip.equals(o.hostIp())) return o;
        return null;
    }

    private int ephemeral(Proto proto, String ip) {
        int slot = proto == Proto.UDP ? 1 : 0;
        for (int p = nextEphemeral[slot]; p <= LAST_EPHEMERAL; p++)
            if (owner(ip, p, proto) == null) {
                nextEphemeral[slot] = p + 1;
                return p;
            }
        return -1;
    }

    private static long key(int port, Proto proto) { return ((long) proto.ordinal() << 32) | port; }
}
