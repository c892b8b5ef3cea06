package dev.hopscope.model.kinds;

import dev.hopscope.model.NodeKind;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What one kind of {@link dev.hopscope.model.Network} is: the descriptor the file format, validator, IPAM, inspector and palette read. */
public interface NetworkKind {

    /** Where a network of this kind lives: inside one host (a macvlan network), or across a cluster's hosts (Calico). */
    enum Scope { HOST, CLUSTER }

    /** How IPAM hands out addresses on it. */
    sealed interface Addressing {
        /**
         * Docker's way: the next free address of the subnet in document order. With
         * {@code gatewayTaken} the gateway (pinned, else the subnet's first address) is reserved
         * first — on a macvlan network it is the LAN's router, not a device of ours. With
         * {@code rangeOption}, the option of that name (a CIDR inside the subnet, Docker's
         * {@code --ip-range}) narrows where endpoints' addresses come from.
         */
        record NextFree(boolean gatewayTaken, String rangeOption) implements Addressing {
            public NextFree(boolean gatewayTaken) { this(gatewayTaken, null); }
        }

        /**
         * Calico's and Cilium's way: each node owns blocks of {@code prefix} bits from the pool, in
         * the order nodes appear; a pod gets the next free address of its node's block. With
         * {@code firstForNode} the block's first address is the node's own (Cilium's cilium_host).
         */
        record NodeBlocks(int prefix, boolean firstForNode) implements Addressing {}
    }

    /** The type of an option's value, for reading, validating and editing it. */
    enum Type { CHOICE, TEXT, NUMBER, BOOLEAN, CIDR, ADDRESS, HOST }

    /**
     * One setting of the kind. {@code key} is its name in files; {@code choices} the allowed
     * values of a CHOICE; {@code min}/{@code max} bound a NUMBER; {@code defaultValue} may be null
     * (no value).
     */
    record Option(String key, String label, Type type, String defaultValue, List<String> choices, int min, int max, String help) {
        public Option {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }

        public static Option choice(String key, String label, String dflt, List<String> choices, String help) {
            return new Option(key, label, Type.CHOICE, dflt, choices, 0, 0, help);
        }

        public static Option number(String key, String label, int dflt, int min, int max, String help) {
            return new Option(key, label, Type.NUMBER, Integer.toString(dflt), List.of(), min, max, help);
        }

        public static Option flag(String key, String label, boolean dflt, String help) {
            return new Option(key, label, Type.BOOLEAN, Boolean.toString(dflt), List.of(), 0, 0, help);
        }

        public static Option text(String key, String label, String dflt, String help) {
            return new Option(key, label, Type.TEXT, dflt, List.of(), 0, 0, help);
        }

        public static Option host(String key, String label, String help) {
            return new Option(key, label, Type.HOST, null, List.of(), 0, 0, help);
        }

        /** Null when {@code value} is acceptable, else what is wrong with it. */
        public String problem(String value) {
            if (value == null) return null;
            switch (type) {
                case CHOICE:
                    return choices.contains(value) ? null : "'" + value + "' is not one of " + String.join(", ", choices);
                case NUMBER:
                    try {
                        int n = Integer.parseInt(value);
                        return n < min || n > max ? key + " " + n + " is outside " + min + ".." + max : null;
                    } catch (NumberFormatException e) { return "'" + value + "' is not a whole number"; }
                case BOOLEAN:
                    return value.equals("true") || value.equals("false") ? null : "'" + value + "' is not true or false";
                case CIDR:
                    return dev.hopscope.model.Cidr.isValid(value) ? null : "'" + value + "' is not a CIDR (e.g. 10.0.0.0/16)";
                case ADDRESS:
                    return dev.hopscope.model.Ipv4.isValid(value) ? null : "'" + value + "' is not an IPv4 address";
                default:
                    return value.isEmpty() ? key + " is empty" : null;
            }
        }
    }

    /** The driver's name in files: macvlan, ipvlan, calico, cilium, weave. */
    String driver();

    /** What a person calls it: "macvlan network", "Calico". */
    String title();

    /** One sentence for the palette's tooltip and the inspector. */
    String summary();

    Scope scope();

    /** Who joins a network of this kind: containers (by an attachment), pods (as their pod network), or both. */
    Set<NodeKind> joiners();

    /** The subnet a new network of this kind gets. */
    String defaultSubnet();

    Addressing addressing();

    /** How IPAM hands out addresses on this network: the kind's way, with the network's own settings (a Calico block size). */
    default Addressing addressing(dev.hopscope.model.Network network) { return addressing(); }

    List<Option> options();

    default Optional<Option> option(String key) {
        return options().stream().filter(o -> o.key().equals(key)).findFirst();
    }
}
