package dev.hopscope.model;

import java.util.List;

/** A client or server outside the hosts, on an underlay; it knows only its own subnet unless given routes. */
public record External(String id, String name, String underlay, String address, List<Socket> sockets,
                       List<StaticRoute> routes) implements Node {
    public External {
        sockets = Labels.list(sockets);
        routes = Labels.list(routes);
    }

    @Override public NodeKind kind() { return NodeKind.EXTERNAL; }

    public External withName(String v) { return new External(id, v, underlay, address, sockets, routes); }
    public External withUnderlay(String v) { return new External(id, name, v, address, sockets, routes); }
    public External withAddress(String v) { return new External(id, name, underlay, v, sockets, routes); }
    public External withSockets(List<Socket> v) { return new External(id, name, underlay, address, v, routes); }
    public External withRoutes(List<StaticRoute> v) { return new External(id, name, underlay, address, sockets, v); }
    public External withId(String v) { return new External(v, name, underlay, address, sockets, routes); }
}
