package dev.hopscope.model;

/** {@code -p [hostIp:]hostPort:containerPort/proto}; {@code hostIp} null = every host address. */
public record PublishedPort(String hostIp, int hostPort, int containerPort, Proto proto) {
    public PublishedPort {
        if (proto == null) proto = Proto.TCP;
    }

    public static PublishedPort tcp(int hostPort, int containerPort) {
        return new PublishedPort(null, hostPort, containerPort, Proto.TCP);
    }

    @Override public String toString() {
        return (hostIp == null ? "" : hostIp + ":") + hostPort + ":" + containerPort + "/" + proto.label();
    }
}
