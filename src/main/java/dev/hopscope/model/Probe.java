package dev.hopscope.model;

/**
 * What a flow sends: {@code icmp}, {@code icmp/SIZE} (a ping of SIZE payload bytes with Don't
 * Fragment set), {@code tcp/PORT} or {@code udp/PORT}. A size of 0 means a small default packet.
 */
public record Probe(Proto proto, int port, int size) {

    public Probe {
        if (proto == null) throw new IllegalArgumentException("a probe needs a protocol");
        if (proto == Proto.ICMP) port = 0;
        else if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        if (size < 0 || size > 65507) throw new IllegalArgumentException("size " + size + " is outside 0..65507");
    }

    public static Probe icmp() { return new Probe(Proto.ICMP, 0, 0); }
    public static Probe tcp(int port) { return new Probe(Proto.TCP, port, 0); }
    public static Probe udp(int port) { return new Probe(Proto.UDP, port, 0); }

    public static Probe parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty probe (use icmp, icmp/SIZE, tcp/PORT or udp/PORT)");
        String[] parts = text.trim().split("/", -1);
        Proto proto = Proto.parse(parts[0]);
        if (parts.length == 1) {
            if (proto != Proto.ICMP) throw new IllegalArgumentException("'" + text + "' needs a port, e.g. " + proto.label() + "/80");
            return icmp();
        }
        if (parts.length != 2) throw new IllegalArgumentException("'" + text + "' is not a probe (icmp, icmp/SIZE, tcp/PORT or udp/PORT)");
        int n;
        try { n = Integer.parseInt(parts[1]); } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': '" + parts[1] + "' is not a number");
        }
        return proto == Proto.ICMP ? new Probe(proto, 0, n) : new Probe(proto, n, 0);
    }

    public Probe withSize(int newSize) { return new Probe(proto, port, newSize); }

    @Override public String toString() {
        if (proto == Proto.ICMP) return size > 0 ? "icmp/" + size : "icmp";
        return proto.label() + "/" + port;
    }
}
