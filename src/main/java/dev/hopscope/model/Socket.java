package dev.hopscope.model;

/**
 * A listening socket: port/proto bound to 0.0.0.0 (all addresses) or 127.0.0.1 (loopback only).
 * {@code name} is a pod container port's name ({@code ports[].name}), which a Service's
 * targetPort or a NetworkPolicy port may use; null when it has none.
 */
public record Socket(int port, Proto proto, String bind, String name) {
    public Socket(int port, Proto proto, String bind) { this(port, proto, bind, null); }

    public Socket {
        if (name != null && name.isBlank()) name = null;
        if (proto == null) proto = Proto.TCP;
        if (bind == null || bind.isBlank()) bind = "0.0.0.0";
    }

    public static Socket tcp(int port) { return new Socket(port, Proto.TCP, "0.0.0.0"); }

    public boolean loopbackOnly() { return Ipv4.isValid(bind) && Ipv4.parse(bind).isLoopback(); }

    @Override public String toString() { return bind + ":" + port + "/" + proto.label(); }
}
