package dev.hopscope.io.export;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Proto;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Listener;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Neighbour;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Vxlan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compiled dataplane as a bash script that builds it in Linux network namespaces
 * ({@code up}), starts a listener per socket ({@code listen}) and removes it all ({@code down}).
 * It reads only the {@link Dataplane}, never the drawing, so the lab is what the tracer traces.
 * Every name and value is a quoted word ({@link Shell#quote}): nothing from the document is ever
 * parsed by the shell as code.
 */
public final class NetnsScript {
    private NetnsScript() {}

    public static String of(Dataplane dp, String title) {
        return new Writer(dp).script(title == null ? "untitled" : title);
    }

    /**
     * Longest namespace name the script uses, in UTF-8 bytes. The kernel allows 255 (a file name
     * under /run/netns); the rest is room for {@code HOPSCOPE_PREFIX}.
     */
    public static final int MAX_NAME_BYTES = 200;
    static final int KERNEL_NAME_BYTES = 255;

    /**
     * The name of the lab's namespace for a compiled namespace (which is named after its node's
     * id): the same, or for a name over {@link #MAX_NAME_BYTES} bytes its start and "~" and eight
     * hex digits of its SHA-256, so that it is deterministic and two long names stay apart.
     */
    public static String netnsName(String name) {
        byte[] utf8 = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (utf8.length <= MAX_NAME_BYTES) return name;
        String hash;
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(utf8);
            hash = String.format("%02x%02x%02x%02x", d[0], d[1], d[2], d[3]);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        StringBuilder start = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes + len > MAX_NAME_BYTES - 9) break;
            start.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return start + "~" + hash;
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static final class Writer {
        private final Dataplane dp;
        private final StringBuilder sb = new StringBuilder();

        Writer(Dataplane dp) { this.dp = dp; }

        /** The namespace's name as a shell word: the optional prefix, then the quoted name. */
        private static String ns(Namespace n) { return "\"$P\"" + Shell.quote(netnsName(n.name())); }

        private static String q(Object o) { return Shell.quote(String.valueOf(o)); }

        private void line(String s) { sb.append(s).append('\n'); }

        private void ip(Namespace n, String args) { line("  ip -n " + ns(n) + " " + args); }

        private void exec(Namespace n, String args) { line("  ip netns exec " + ns(n) + " " + args); }

        String script(String title) {
            line("#!/usr/bin/env bash");
            line("# Hopscope lab: " + Shell.printable(title));
            line("# Generated from the compiled dataplane (the one the tracer walks), one network namespace per");
            line("# host, container, pod, external endpoint and underlay switch.");
            line("#");
            line("#   sudo ./lab.sh up       build it (refuses if one of its namespaces already exists)");
            line("#   sudo ./lab.sh listen   start a listener (nc) for every listening socket of the design");
            line("#   sudo ./lab.sh down     remove exactly the namespaces 'up' creates, also a half-built lab");
            line("#   sudo ./lab.sh list     print the namespace names");
            line("# Probe from inside, e.g.: sudo ip netns exec NAMESPACE ping -c1 -W1 ADDRESS");
            line("# HOPSCOPE_PREFIX=lab1- prepends a prefix to every namespace name (two labs side by side).");
            line("# Each namespace is named after its node's id ('/' becomes '_'); the kernel allows names of 255 bytes,");
            line("# so an id over " + MAX_NAME_BYTES + " bytes is shortened to its start, '~' and a hash:");
            boolean shortened = false;
            int longest = 0;
            for (Namespace n : dp.namespaces()) {
                String netns = netnsName(n.name());
                longest = Math.max(longest, utf8Length(netns));
                if (netns.equals(n.name())) continue;
                line("#   " + Shell.printable(netns) + "  is  " + Shell.printable(n.name()));
                shortened = true;
            }
            if (!shortened) line("#   (no name here needed it)");
            if (bridgedRules()) {
                line("# On the host itself, 'up' loads the br_netfilter kernel module (modprobe) unless it is loaded already,");
                line("# so that bridged traffic in the lab's namespaces meets iptables as in the trace. Once loaded, the host's");
                line("# own bridges send their traffic through the host's iptables too (the kernel's default, as on a Docker");
                line("# host); 'down' does not unload it (modprobe -r br_netfilter does).");
            }
            if (encrypted())
                line("# Encrypted overlays (IPsec ESP) are NOT built: this lab builds their plain VXLAN instead.");
            line("set -euo pipefail");
            line("");
            line("P=\"${HOPSCOPE_PREFIX:-}\"");
            line("if [ $(( $(printf '%s' \"$P\" | wc -c) + " + longest + " )) -gt " + KERNEL_NAME_BYTES + " ]; then");
            line("  echo \"lab: HOPSCOPE_PREFIX is too long: with it the longest namespace name would pass the kernel's "
                    + KERNEL_NAME_BYTES + " bytes\" >&2; exit 2");
            line("fi");
            StringBuilder names = new StringBuilder("NAMESPACES=(");
            for (Namespace n : dp.namespaces()) names.append(' ').append(q(netnsName(n.name())));
            line(names.append(" )").toString());
            line("");
            line("need() { command -v \"$1\" >/dev/null 2>&1 || { echo \"lab: $1 is missing ($2)\" >&2; exit 1; }; }");
            line("");
            up();
            listen();
            line("down() {");
            line("  local n");
            line("  for n in \"${NAMESPACES[@]}\"; do");
            line("    [ -e \"/run/netns/$P$n\" ] || continue");
            line("    ip netns pids \"$P$n\" 2>/dev/null | xargs -r kill 2>/dev/null || true");
            line("    ip netns del \"$P$n\" 2>/dev/null || true");
            line("  done");
            line("}");
            line("");
            line("case \"${1:-}\" in");
            line("  up) up ;;");
            line("  listen) listen ;;");
            line("  down) down ;;");
            line("  list) for n in \"${NAMESPACES[@]}\"; do printf '%s%s\\n' \"$P\" \"$n\"; done ;;");
            line("  *) echo \"usage: $0 up|listen|down|list\" >&2; exit 2 ;;");
            line("esac");
            return sb.toString();
        }

        /** Whether 'up' needs br_netfilter: some namespace has a bridge and iptables rules. */
        private boolean bridgedRules() {
            for (Namespace n : dp.namespaces()) if (hasBridge(n) && !n.rules().isEmpty()) return true;
            return false;
        }

        private boolean encrypted() {
            for (Namespace n : dp.namespaces())
                for (Iface i : n.ifaces())
                    if (i.vxlan() != null && i.vxlan().encrypted()) return true;
            return false;
        }

        private void up() {
            line("up() {");
            line("  need ip iproute2; need bridge iproute2; need iptables iptables");
            line("  local n");
            line("  for n in \"${NAMESPACES[@]}\"; do");
            line("    if [ -e \"/run/netns/$P$n\" ]; then echo \"lab: namespace $P$n already exists; run: $0 down\" >&2; exit 1; fi");
            line("  done");
            line("  trap 'echo \"lab: up failed; remove what was built with: $0 down\" >&2' ERR");
            line("");
            line("  # namespaces; reverse-path filtering off, as the tracer has none; forwarding as compiled");
            for (Namespace n : dp.namespaces()) {
                line("  ip netns add " + ns(n));
                exec(n, "sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 net.ipv4.ip_forward="
                        + (n.ipForward() ? 1 : 0) + " >/dev/null");
                ip(n, "link set lo up");
            }
            line("");
            line("  # bridges");
            for (Namespace n : dp.namespaces())
                for (Iface i : n.ifaces())
                    if (i.kind() == Iface.Kind.BRIDGE) ip(n, "link add " + q(i.name()) + " type bridge");
            line("");
            line("  # veth pairs, each end created directly in its own namespace under its final name");
            Set<Iface> done = new HashSet<>();
            for (Namespace n : dp.namespaces())
                for (Iface i : n.ifaces()) {
                    if (i.kind() != Iface.Kind.VETH || done.contains(i)) continue;
                    Iface peer = i.peer();
                    if (peer == null) throw new IllegalStateException(i + " has no peer");
                    done.add(i);
                    done.add(peer);
                    ip(n, "link add " + q(i.name()) + " type veth peer name " + q(peer.name()) + " netns " + ns(peer.ns()));
                }
            line("");
            line("  # VXLAN devices (their underlay device must exist first); Weave's sleeve, which the weave router runs in");
            line("  # user space, is built as a kernel VXLAN device on its port: it carries the same frames between the same peers");
            for (Namespace n : dp.namespaces())
                for (Iface i : n.ifaces())
                    if (i.kind() == Iface.Kind.VXLAN || i.kind() == Iface.Kind.SLEEVE) vxlan(n, i);
            line("");
            line("  # macvlan and ipvlan children: made on their lower device's namespace, then moved to their own and named");
            int stacked = 0;
            for (Namespace n : dp.namespaces())
                for (Iface i : n.ifaces()) {
                    if (i.lower() == null) continue;
                    String type = i.kind() == Iface.Kind.IPVLAN ? "ipvlan mode " + i.linkMode().name().toLowerCase() : "macvlan mode " + i.linkMode().name().toLowerCase();
                    Namespace home = i.lower().ns();
                    if (home == n) { ip(home, "link add " + q(i.name()) + " link " + q(i.lower().name()) + " type " + type); continue; }
                    String temporary = "hs-stacked" + stacked++;
                    ip(home, "link add " + temporary + " link " + q(i.lower().name()) + " type " + type);
                    ip(home, "link set " + temporary + " netns " + ns(n));
                    ip(n, "link set " + temporary + " name " + q(i.name()));
                }
            line("");
            line("  # MAC addresses (neighbour and FDB entries name them), MTUs, bridge ports, addresses");
            for (Namespace n : dp.namespaces())
                for (Iface i : n.ifaces()) {
                    if (i.kind() == Iface.Kind.LOOPBACK) continue;
                    if (i.kind() == Iface.Kind.IPVLAN) { ip(n, "link set dev " + q(i.name()) + " mtu " + q(i.mtu())); continue; } // shares its lower device's MAC
                    ip(n, "link set dev " + q(i.name()) + " address " + q(i.mac()) + " mtu " + q(i.mtu())
                            + (i.master() != null ? " master " + q(i.master().name()) : ""));
                }
            for (Namespace n : dp.namespaces())
                for (Iface i : n.ifaces())
                    for (Cidr c : i.addresses()) {
                        if (i.kind() == Iface.Kind.LOOPBACK && c.address().isLoopback()) continue;
                        ip(n, "addr add " + q(c) + " dev " + q(i.name()));
                    }
            line("");
            line("  # links up");
            for (Namespace n : dp.namespaces())
                for (Iface i : n.ifaces())
                    if (i.kind() != Iface.Kind.LOOPBACK) ip(n, "link set dev " + q(i.name()) + " up");
            for (Namespace n : dp.namespaces())
                for (Iface i : n.ifaces())
                    if (i.proxyArp()) exec(n, "sysctl -qw " + q("net.ipv4.conf." + i.name() + ".proxy_arp=1") + " >/dev/null");
            for (Namespace n : dp.namespaces())
                for (Iface i : n.ifaces()) // a CNI bridge's ports: a pod reaches itself through its Service
                    if (i.hairpin() && i.master() != null) line("  bridge -n " + ns(n) + " link set dev " + q(i.name()) + " hairpin on");
            line("");
            line("  # permanent neighbours and FDB entries (VXLAN flood lists, flannel's static entries)");
            for (Namespace n : dp.namespaces()) {
                for (Neighbour nb : n.neighbours())
                    ip(n, "neigh replace " + q(nb.ip()) + " lladdr " + q(nb.mac()) + " dev " + q(nb.dev().name()) + " nud permanent");
                for (Iface i : n.ifaces()) {
                    if (i.kind() != Iface.Kind.VXLAN && i.kind() != Iface.Kind.SLEEVE) continue;
                    for (var remote : i.vxlan().flood())
                        line("  bridge -n " + ns(n) + " fdb append 00:00:00:00:00:00 dev " + q(i.name()) + " dst " + q(remote));
                    for (Map.Entry<Mac, ?> e : i.vxlan().fdb().entrySet())
                        line("  bridge -n " + ns(n) + " fdb append " + q(e.getKey()) + " dev " + q(i.name())
                                + " dst " + q(e.getValue()) + " self permanent");
                }
            }
            line("");
            line("  # routes (the kernel adds the connected ones itself)");
            for (Namespace n : dp.namespaces()) {
                List<Route> direct = new ArrayList<>(), gatewayed = new ArrayList<>();
                for (Route r : n.routes()) {
                    if (connected(r)) continue;
                    (r.via() == null ? direct : gatewayed).add(r);
                }
                direct.addAll(gatewayed);
                for (Route r : direct)
                    ip(n, "route replace " + q(r.dst().base()) + (r.via() != null ? " via " + q(r.via()) : "")
                            + " dev " + q(r.dev().name()) + (r.onlink() ? " onlink" : "") + (r.src() != null ? " src " + q(r.src()) : "")
                            + (r.proto() != null ? " proto " + q(r.proto()) : ""));
            }
            line("");
            line("  # iptables, rule for rule as the tracer evaluates them; replies pass as ESTABLISHED (conntrack),");
            line("  # as in the tracer, where a chain drops or rejects");
            for (Namespace n : dp.namespaces()) iptables(n);
            line("");
            line("  # bridged IP traffic meets the FORWARD chain (br_netfilter), as the tracer assumes");
            boolean any = false;
            for (Namespace n : dp.namespaces()) {
                if (!hasBridge(n) || n.rules().isEmpty()) continue;
                if (!any) {
                    line("  # the host's kernel module, loaded only when missing (see the header)");
                    line("  if [ ! -d /sys/module/br_netfilter ]; then");
                    line("    echo \"lab: loading the br_netfilter module on the host (modprobe br_netfilter)\" >&2");
                    line("    modprobe br_netfilter 2>/dev/null || true");
                    line("  fi");
                    any = true;
                }
                line("  if ip netns exec " + ns(n) + " test -e /proc/sys/net/bridge/bridge-nf-call-iptables; then");
                line("    ip netns exec " + ns(n) + " sysctl -qw net.bridge.bridge-nf-call-iptables=1 >/dev/null");
                line("  else");
                line("    echo \"lab: warning: br_netfilter is not available; bridged traffic in \"" + ns(n)
                        + "\" skips iptables, unlike in the trace\" >&2");
                line("  fi");
            }
            line("  trap - ERR");
            line("  echo \"lab: up (${#NAMESPACES[@]} namespaces)\"");
            line("}");
            line("");
        }

        private void vxlan(Namespace n, Iface i) {
            Vxlan v = i.vxlan();
            if (v.encrypted())
                line("  # " + Shell.printable(i.name()) + ": encrypted (ESP SPI " + v.espSpi() + ") in the design; built as plain VXLAN");
            Iface under = underlayDevice(n, v);
            ip(n, "link add " + q(i.name()) + " type vxlan id " + q(v.vni()) + " dstport " + q(v.port())
                    + " local " + q(v.local()) + (under != null ? " dev " + q(under.name()) : "")
                    + (v.fdb().isEmpty() ? "" : " nolearning"));
        }

        /** The device holding the VTEP's local address (eth0 on a host). */
        private static Iface underlayDevice(Namespace n, Vxlan v) {
            for (Iface i : n.ifaces()) if (i.vxlan() == null && i.hasAddress(v.local())) return i;
            return null;
        }

        private static boolean connected(Route r) {
            if (r.via() != null || r.onlink()) return false;
            for (Cidr c : r.dev().addresses())
                if (c.base().equals(r.dst().base()) && (r.src() == null || r.src().equals(c.address()))) return true;
            return false;
        }

        private static boolean hasBridge(Namespace n) {
            for (Iface i : n.ifaces()) if (i.kind() == Iface.Kind.BRIDGE) return true;
            return false;
        }

        private void iptables(Namespace n) {
            if (n.socketLb() != null)
                // the lab has no eBPF: a socket load balancer's entries become OUTPUT rules of each namespace
                // it serves, which the kernel applies to a connection's first packet (conntrack the rest): same verdict
                for (Rule r : n.socketLb().rules())
                    for (List<String> args : r.argLines()) {
                        StringBuilder cmd = new StringBuilder("iptables");
                        for (String a : args) cmd.append(' ').append(q(a));
                        exec(n, cmd.toString());
                    }
            if (n.rules().isEmpty()) return;
            for (Rule.Chain chain : List.of(Rule.Chain.FORWARD, Rule.Chain.INPUT)) {
                boolean drops = false;
                for (Rule r : n.chain(Rule.Table.FILTER, chain)) {
                    drops |= r.target() == Rule.Target.DROP || r.target() == Rule.Target.REJECT;
                    if (r.target() == Rule.Target.JUMP) // a chain of our own (a pod's NetworkPolicy) drops for this hook
                        for (Rule own : n.chain(Rule.Table.FILTER, r.jumpTo()))
                            drops |= own.target() == Rule.Target.DROP || own.target() == Rule.Target.REJECT;
                }
                if (drops) exec(n, "iptables -t filter -A " + chain.name() + " -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
            }
            for (Rule.Chain own : n.ownChains()) exec(n, "iptables -t filter -N " + q(own.name()));
            for (Rule r : n.rules())
                for (List<String> args : r.argLines()) {
                    StringBuilder cmd = new StringBuilder("iptables");
                    for (String a : args) cmd.append(' ').append(q(a));
                    exec(n, cmd.toString());
                }
        }

        private void listen() {
            line("listen() {");
            line("  need nc netcat-openbsd");
            line("  # one nc per socket, detached, its output discarded; 'down' stops them with their namespace");
            for (Namespace n : dp.namespaces())
                for (Listener l : n.listeners()) {
                    if (l.proto() == Proto.ICMP) continue;
                    String flags = l.proto() == Proto.UDP ? "-nluk" : "-nlk";
                    String addr = l.wildcard() ? "" : " " + q(l.bind());
                    line("  ip netns exec " + ns(n) + " nc " + flags + addr + " " + q(l.port()) + " </dev/null >/dev/null 2>&1 &");
                }
            line("  echo \"lab: listeners started\"");
            line("}");
            line("");
        }
    }
}
