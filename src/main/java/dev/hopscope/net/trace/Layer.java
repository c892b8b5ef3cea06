package dev.hopscope.net.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One header of a packet as shown to a person: its name (ethernet, ipv4, udp, tcp, icmp, vxlan, esp) and fields in order. */
public record Layer(String layer, Map<String, String> fields) {
    public Layer {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    static Layer of(String name, String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return new Layer(name, m);
    }
}
