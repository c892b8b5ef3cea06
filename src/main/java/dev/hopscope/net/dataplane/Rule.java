package dev.hopscope.net.dataplane;

import dev.hopscope.model.Ipv4;

import java.util.ArrayList;
import java.util.List;

/**
 * One iptables rule in a namespace: table, chain, match and target. {@code why} is the sentence
 * a trace shows when the rule fires; {@code subjects} are the document nodes that caused it.
 * A DNAT rule lists where it may send a connection ({@code dnatTargets}): one target for a
 * published port, every endpoint of a Service in kube-proxy's order, of which kube-proxy picks
 * one per connection. The tracer evaluates these rules and the Linux-lab export writes them with
 * {@link #argLines()}: one list of rules, two readers.
 */
public record Rule(Table table, Chain chain, Match match, Target target, List<NatTarget> dnatTargets, Chain jumpTo, int setMark,
                   String why, List<String> subjects, String by) {

    public enum Table { NAT, FILTER }

    /**
     * A chain: one of the kernel's hooks (PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING), or a
     * chain of our own that rules JUMP to (a pod's NetworkPolicy, one chain per pod and direction).
     */
    public record Chain(String name) {
        public static final Chain PREROUTING = new Chain("PREROUTING");
        public static final Chain OUTPUT = new Chain("OUTPUT");
        public static final Chain POSTROUTING = new Chain("POSTROUTING");
        public static final Chain FORWARD = new Chain("FORWARD");
        public static final Chain INPUT = new Chain("INPUT");
        private static final List<Chain> HOOKS = List.of(PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING);

        public Chain {
            if (name == null || name.isEmpty() || name.length() > 28 || name.chars().anyMatch(c -> c <= ' ' || c == '!' || c == '/'))
                throw new IllegalArgumentException("'" + name + "' is not an iptables chain name");
        }

        /** Whether the kernel calls this chain itself (a hook), rather than a rule jumping to it. */
        public boolean builtin() { return HOOKS.contains(this); }

        @Override public String toString() { return name; }
    }

    /** JUMP goes to {@code jumpTo}; RETURN there goes back to the rule after the jump, RETURN in a hook ends it. */
    public enum Target { ACCEPT, DROP, REJECT, RETURN, DNAT, MASQUERADE, JUMP }

    public Rule {
        subjects = List.copyOf(subjects);
        dnatTargets = dnatTargets == null ? List.of() : List.copyOf(dnatTargets);
        if ((target == Target.DNAT) == dnatTargets.isEmpty())
            throw new IllegalArgumentException(target == Target.DNAT ? "a DNAT rule needs a target" : "only DNAT has targets");
        if ((target == Target.JUMP) == (jumpTo == null))
            throw new IllegalArgumentException(target == Target.JUMP ? "a JUMP needs a chain" : "only JUMP goes to a chain");
    }

    public Rule(Table table, Chain chain, Match match, Target target, List<NatTarget> dnatTargets, Chain jumpTo, int setMark,
                String why, List<String> subjects) {
        this(table, chain, match, target, dnatTargets, jumpTo, setMark, why, subjects, null);
    }

    /**
     * The same rule, saying who applies it ({@code by}: "kube-proxy", "Cilium's socket load balancer",
     * ...), so that a trace that branches at it names who picks the endpoint. Prose: the walk never decides by it.
     */
    public Rule by(String who) { return new Rule(table, chain, match, target, dnatTargets, jumpTo, setMark, why, subjects, who); }

    public static Rule nat(Chain chain, Match m, Target t, String why, List<String> subjects) {
        return new Rule(Table.NAT, chain, m, t, List.of(), null, 0, why, subjects);
    }

    public static Rule dnat(Chain chain, Match m, Ipv4 ip, int port, int setMark, String why, List<String> subjects) {
        return dnat(chain, m, List.of(new NatTarget(ip, port, null)), setMark, why, subjects);
    }

    /** A DNAT to one of several targets (kube-proxy's endpoints), chosen per connection. */
    public static Rule dnat(Chain chain, Match m, List<NatTarget> targets, int setMark, String why, List<String> subjects) {
        return new Rule(Table.NAT, chain, m, Target.DNAT, targets, null, setMark, why, subjects);
    }

    public static Rule filter(Chain chain, Match m, Target t, String why, List<String> subjects) {
        return new Rule(Table.FILTER, chain, m, t, List.of(), null, 0, why, subjects);
    }

    /** A filter rule that sends matching packets through a chain of our own. */
    public static Rule jump(Chain chain, Match m, Chain to, String why, List<String> subjects) {
        return new Rule(Table.FILTER, chain, m, Target.JUMP, List.of(), to, 0, why, subjects);
    }

    /** The first DNAT target's address (null for other targets). */
    public Ipv4 toIp() { return dnatTargets.isEmpty() ? null : dnatTargets.get(0).ip(); }

    /** The first DNAT target's port (0: unchanged, or not a DNAT). */
    public int toPort() { return dnatTargets.isEmpty() ? 0 : dnatTargets.get(0).port(); }

    /** Whether kube-proxy chooses among several endpoints here: a trace branches. */
    public boolean branches() { return dnatTargets.size() > 1; }

    /**
     * Arguments after {@code iptables} for a rule that is one line: {@code -t nat -A PREROUTING ...
     * -j DNAT --to-destination 172.17.0.2:80}. A rule that marks or chooses among several targets
     * takes several lines: see {@link #argLines()}.
     */
    public List<String> args() {
        if (setMark != 0 || branches()) throw new IllegalStateException("this rule takes several iptables lines: use argLines()");
        List<String> a = head();
        a.addAll(match.args());
        a.addAll(jump(0));
        return a;
    }

    /**
     * Every iptables line for this rule, in order. kube-proxy's mark for masquerade is a MARK rule
     * of its own before the DNAT; a choice among n endpoints is n DNAT rules, the i-th taken with
     * probability 1/(n-i) ({@code -m statistic --mode random}), so each endpoint gets 1/n of the
     * connections, as kube-proxy writes its KUBE-SVC chains.
     */
    public List<List<String>> argLines() {
        List<List<String>> out = new ArrayList<>();
        boolean perEndpoint = dnatTargets.stream().anyMatch(t -> t.selfMark() != 0);
        if (perEndpoint) endpointChains(out);
        if (setMark != 0) {
            List<String> mark = head();
            mark.addAll(match.args());
            mark.addAll(List.of("-j", "MARK", "--set-xmark", "0x" + Integer.toHexString(setMark) + "/0x" + Integer.toHexString(setMark)));
            out.add(mark);
        }
        int n = Math.max(1, dnatTargets.size());
        for (int i = 0; i < n; i++) {
            List<String> line = head();
            line.addAll(match.args());
            if (i < n - 1)
                line.addAll(List.of("-m", "statistic", "--mode", "random", "--probability", probability(n - i)));
            line.addAll(perEndpoint ? List.of("-j", endpointChain(i)) : jump(i));
            out.add(line);
        }
        return out;
    }

    /**
     * kube-proxy's per-endpoint chains ({@code KUBE-SEP-…}) for a DNAT whose targets mark a
     * connection from themselves: {@code -s ENDPOINT/32 -j MARK} (KUBE-MARK-MASQ), then the DNAT.
     * Named per rule and endpoint, so the PREROUTING and OUTPUT rules of one Service each have theirs.
     */
    private void endpointChains(List<List<String>> out) {
        for (int i = 0; i < dnatTargets.size(); i++) {
            NatTarget t = dnatTargets.get(i);
            String sep = endpointChain(i);
            out.add(new ArrayList<>(List.of("-t", "nat", "-N", sep)));
            if (t.selfMark() != 0)
                out.add(new ArrayList<>(List.of("-t", "nat", "-A", sep, "-s", t.ip() + "/32", "-j", "MARK", "--set-xmark",
                        "0x" + Integer.toHexString(t.selfMark()) + "/0x" + Integer.toHexString(t.selfMark()))));
            List<String> dnat = new ArrayList<>(List.of("-t", "nat", "-A", sep));
            if (match.proto() != null) dnat.addAll(List.of("-p", match.proto().label()));
            dnat.addAll(List.of("-j", "DNAT", "--to-destination", t.toString()));
            out.add(dnat);
        }
    }

    /** {@code KUBE-SEP-} and 16 hex digits of a SHA-256 of this rule's place and the endpoint's index: stable and at most 28 characters. */
    private String endpointChain(int i) {
        String key = table + "|" + chain + "|" + match.args() + "|" + dnatTargets + "|" + i;
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "KUBE-SEP-" + java.util.HexFormat.of().withUpperCase().formatHex(h, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private List<String> head() { return new ArrayList<>(List.of("-t", table.name().toLowerCase(), "-A", chain.name())); }

    private List<String> jump(int targetIndex) {
        List<String> a = new ArrayList<>(List.of("-j", target == Target.JUMP ? jumpTo.name() : target.name()));
        if (target == Target.DNAT) { a.add("--to-destination"); a.add(dnatTargets.get(targetIndex).toString()); }
        if (target == Target.REJECT) { a.add("--reject-with"); a.add("icmp-port-unreachable"); }
        return a;
    }

    /** 1/k with the precision kube-proxy prints (0.33333333333). */
    private static String probability(int k) {
        return String.format(java.util.Locale.ROOT, "%.11f", 1.0 / k);
    }
}
