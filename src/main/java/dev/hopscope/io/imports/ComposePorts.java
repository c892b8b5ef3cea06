package dev.hopscope.io.imports;

import dev.hopscope.model.Proto;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compose's port syntaxes: short ({@code "80"}, {@code "8080:80"}, {@code "127.0.0.1:8080:80/udp"},
 * {@code "8000-8001:8000-8001"}, {@code "127.0.0.1::80"}) and long ({@code target}, {@code published},
 * {@code host_ip}, {@code protocol}), and {@code expose} entries. A host port of 0 means Docker
 * picks one (an ephemeral port).
 */
final class ComposePorts {

    /**
     * One container port, possibly published on the host: on {@code hostPort} (0: an ephemeral
     * port Docker picks), or on the first free port from {@code hostPort} to {@code hostPortEnd}.
     */
    record Binding(String hostIp, int hostPort, int hostPortEnd, int containerPort, Proto proto, boolean published) {}

    /** A range longer than this is refused: it would flood the diagram with sockets. */
    static final int MAX_RANGE = 100;

    private final Diagnostics diag;

    ComposePorts(Diagnostics diag) { this.diag = diag; }

    /**
     * What makes two port entries the same when files are merged: host address, published port,
     * target and protocol, however each is written; null when the entry cannot be read (it is
     * then kept, and reading it later reports the problem).
     */
    static String mergeKey(SourceNode entry) {
        if (entry.isMap()) {
            String target = text(entry.get("target")), published = text(entry.get("published"));
            String ip = text(entry.get("host_ip")), proto = text(entry.get("protocol"));
            return key(ip, published, target, proto);
        }
        if (!entry.isScalar()) return null;
        String t = entry.text.trim(), proto = null;
        int slash = t.lastIndexOf('/');
        if (slash >= 0) { proto = t.substring(slash + 1); t = t.substring(0, slash); }
        int last = t.lastIndexOf(':');
        if (last < 0) return key(null, null, t, proto);
        String container = t.substring(last + 1), rest = t.substring(0, last);
        int before = rest.lastIndexOf(':');
        if (before < 0) return key(null, rest, container, proto);
        return key(rest.substring(0, before), rest.substring(before + 1), container, proto);
    }

    private static String text(SourceNode n) { return n == null || n.isNull() || !n.isScalar() ? null : n.text.trim(); }

    private static String key(String ip, String published, String target, String proto) {
        String host = ip == null || ip.isEmpty() || ip.equals("0.0.0.0") ? "" : ip.replace("[", "").replace("]", "");
        return host + "|" + (published == null ? "" : published) + "|" + target + "|" + (proto == null || proto.isEmpty() ? "tcp" : proto.toLowerCase(Locale.ROOT));
    }

    List<Binding> ports(SourceNode entry) {
        if (entry.isMap()) return longSyntax(entry);
        String text = diag.string(entry, "a port");
        if (text == null) throw diag.error(entry, "an empty port entry");
        return shortSyntax(entry, text.trim());
    }

    List<Binding> expose(SourceNode entry) {
        String text = diag.string(entry, "an exposed port");
        if (text == null) throw diag.error(entry, "an empty expose entry");
        String t = text.trim();
        Proto proto = Proto.TCP;
        int slash = t.indexOf('/');
        if (slash >= 0) { proto = proto(entry, t.substring(slash + 1)); t = t.substring(0, slash); }
        List<Binding> out = new ArrayList<>();
        int[] r = range(entry, t, true);
        for (int p = r[0]; p <= r[1]; p++) out.add(new Binding(null, 0, 0, p, proto, false));
        return out;
    }

    private List<Binding> shortSyntax(SourceNode at, String text) {
        String t = text;
        Proto proto = Proto.TCP;
        int slash = t.lastIndexOf('/');
        if (slash >= 0) { proto = proto(at, t.substring(slash + 1)); t = t.substring(0, slash); }
        String hostIp = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) throw diag.error(at, "'" + text + "': an IPv6 host address needs a closing ]");
            hostIp = t.substring(1, close);
            t = t.substring(close + 1);
            if (t.startsWith(":")) t = t.substring(1);
        }
        String[] parts = t.split(":", -1);
        String host, container;
        if (parts.length == 1) { host = ""; container = parts[0]; }
        else if (parts.length == 2) { host = parts[0]; container = parts[1]; }
        else if (parts.length == 3 && hostIp == null) { hostIp = parts[0]; host = parts[1]; container = parts[2]; }
        else throw diag.error(at, "'" + text + "' is not a port mapping ([HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL])");
        return bind(at, text, hostIp, host, container, proto);
    }

    private List<Binding> longSyntax(SourceNode m) {
        diag.unknownKeys(m, java.util.Set.of("target", "published", "host_ip", "protocol", "mode", "name", "app_protocol"), "a port", true);
        SourceNode target = m.get("target");
        if (target == null || target.isNull()) throw diag.error(m, "a port in long syntax needs 'target'");
        String container = diag.string(target, "target");
        String published = diag.string(m.get("published"), "published");
        Proto proto = m.has("protocol") && !m.get("protocol").isNull() ? proto(m.get("protocol"), diag.string(m.get("protocol"), "protocol")) : Proto.TCP;
        String hostIp = diag.string(m.get("host_ip"), "host_ip");
        String mode = diag.string(m.get("mode"), "mode");
        if (mode != null && !mode.equals("host") && !mode.equals("ingress"))
            throw diag.error(m.get("mode"), "mode must be host or ingress, not " + m.get("mode").describe());
        return bind(target, container, hostIp, published == null ? "" : published, container, proto);
    }

    private List<Binding> bind(SourceNode at, String text, String hostIp, String host, String container, Proto proto) {
        if (hostIp != null && hostIp.isEmpty()) hostIp = null;
        if (hostIp != null && hostIp.contains(":")) {
            diag.warn(at, "'" + text + "': IPv6 host address " + hostIp + " is not modelled; published on every IPv4 address instead");
            hostIp = null;
        }
        if (hostIp != null && !dev.hopscope.model.Ipv4.isValid(hostIp)) throw diag.error(at, "'" + text + "': " + hostIp + " is not an IPv4 address");
        if ("0.0.0.0".equals(hostIp)) hostIp = null;
        int[] c = range(at, container, true);
        int[] h = host.isEmpty() ? null : range(at, host, false);
        int n = c[1] - c[0] + 1;
        if (h != null && n > 1 && h[1] - h[0] + 1 != n)
            throw diag.error(at, "'" + text + "': invalid ranges specified for container and host Ports: " + container.trim() + " and " + host.trim()
                    + " (a range of container ports needs a host range of the same length)");
        List<Binding> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (h == null) out.add(new Binding(hostIp, 0, 0, c[0] + i, proto, true));
            else if (n > 1) out.add(new Binding(hostIp, h[0] + i, h[0] + i, c[0] + i, proto, true));
            else out.add(new Binding(hostIp, h[0], h[1], c[0], proto, true));
        }
        return out;
    }

    /** A port or a range FROM-TO, as {from, to}; container ranges are bounded, a host range to pick from is not. */
    private int[] range(SourceNode at, String text, boolean bounded) {
        String t = text.trim();
        int dash = t.indexOf('-');
        int from = port(at, dash < 0 ? t : t.substring(0, dash));
        int to = dash < 0 ? from : port(at, t.substring(dash + 1));
        if (to < from) throw diag.error(at, "the port range " + t + " runs backwards");
        if (bounded && to - from >= MAX_RANGE) throw diag.error(at, "the port range " + t + " is longer than " + MAX_RANGE + " ports");
        return new int[] {from, to};
    }

    private int port(SourceNode at, String text) {
        String t = text.trim();
        int p;
        try { p = Integer.parseInt(t); } catch (NumberFormatException e) {
            throw diag.error(at, "'" + t + "' is not a port number");
        }
        if (p < 1 || p > 65535) throw diag.error(at, "port " + p + " is outside 1..65535");
        return p;
    }

    private Proto proto(SourceNode at, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("tcp")) return Proto.TCP;
        if (t.equals("udp")) return Proto.UDP;
        throw diag.error(at, "protocol '" + text + "' is not supported (tcp or udp)");
    }
}
