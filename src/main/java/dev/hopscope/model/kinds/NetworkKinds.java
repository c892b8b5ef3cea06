package dev.hopscope.model.kinds;

import java.util.List;
import java.util.Optional;

/** The one list of network kinds a document may use ({@code "kind": "network", "driver": ...}). */
public final class NetworkKinds {
    private NetworkKinds() {}

    private static final List<NetworkKind> ALL = List.of(
            MacvlanKind.MACVLAN_KIND,
            MacvlanKind.IPVLAN_KIND,
            CalicoKind.INSTANCE,
            CiliumKind.INSTANCE,
            WeaveKind.INSTANCE);

    public static List<NetworkKind> all() { return ALL; }

    public static Optional<NetworkKind> get(String driver) {
        if (driver == null) return Optional.empty();
        for (NetworkKind k : ALL) if (k.driver().equals(driver)) return Optional.of(k);
        return Optional.empty();
    }

    /** The registered drivers, for messages: "macvlan, ipvlan, calico". */
    public static String drivers() {
        return ALL.isEmpty() ? "(none registered)" : String.join(", ", ALL.stream().map(NetworkKind::driver).toList());
    }
}
