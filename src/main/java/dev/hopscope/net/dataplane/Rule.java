package dev.hopscope.net.dataplane;

import dev.hopscope.model.Ipv4;

import java.util.ArrayList;
import java.util.List;

/**
 * One iptables rule in a namespace: table, chain, match and target. {@code why} is the sentence
 * a trace shows when the rule fires; {@code subjects} are the document nodes that caused it.
 * The tracer evaluates these rules and the Linux-lab export writes them with {@link #args()}:
 * one list of rules, two readers.
 */
public record Rule(Table table, Chain chain, Match match, Target target, Ipv4 toIp, int toPort, int setMark,
                   String why, List<String> subjects) {

    public enum Table { NAT, FILTER }
    public enum Chain { PREROUTING, OUTPUT, POSTROUTING, FORWARD, INPUT }
    public enum Target { ACCEPT, DROP, REJECT, RETURN, DNAT, MASQUERADE }

    public Rule {
        subjects = List.copyOf(subjects);
    }

    public static Rule nat(Chain chain, Match m, Target t, String why, List<String> subjects) {
        return new Rule(Table.NAT, chain, m, t, null, 0, 0, why, subjects);
    }

    public static Rule dnat(Chain chain, Match m, Ipv4 ip, int port, int setMark, String why, List<String> subjects) {
        return new Rule(Table.NAT, chain, m, Target.DNAT, ip, port, setMark, why, subjects);
    }

    public static Rule filter(Chain chain, Match m, Target t, String why, List<String> subjects) {
        return new Rule(Table.FILTER, chain, m, t, null, 0, 0, why, subjects);
    }

    /** Arguments after {@code iptables}: {@code -t nat -A PREROUTING ... -j DNAT --to-destination 172.17.0.2:80}. */
    public List<String> args() {
        List<String> a = new ArrayList<>(List.of("-t", table.name().toLowerCase(), "-A", chain.name()));
        a.addAll(match.args());
        if (setMark != 0) {
            // kube-proxy marks the packet for masquerade in POSTROUTING; iptables needs the mark in its own rule
            throw new IllegalStateException("use markArgs() for rules that set a mark");
        }
        a.add("-j");
        a.add(target.name());
        if (target == Target.DNAT) { a.add("--to-destination"); a.add(toIp + (toPort != 0 ? ":" + toPort : "")); }
        if (target == Target.REJECT) { a.add("--reject-with"); a.add("icmp-port-unreachable"); }
        return a;
    }

    /** For a DNAT that also marks for masquerade: the MARK rule to put before it, then the DNAT rule. */
    public List<List<String>> argLines() {
        if (setMark == 0) return List.of(args());
        Rule plain = new Rule(table, chain, match, target, toIp, toPort, 0, why, subjects);
        List<String> mark = new ArrayList<>(List.of("-t", table.name().toLowerCase(), "-A", chain.name()));
        mark.addAll(match.args());
        mark.addAll(List.of("-j", "MARK", "--set-xmark", "0x" + Integer.toHexString(setMark) + "/0x" + Integer.toHexString(setMark)));
        return List.of(mark, plain.args());
    }
}
