package dev.hopscope.net.dataplane;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Proto;

import java.util.ArrayList;
import java.util.List;

/**
 * The match part of an iptables rule, limited to what Docker, kube-proxy and our policies write:
 * source and destination (optionally negated), protocol and destination port, input and output
 * device (optionally negated), {@code -m addrtype --dst-type LOCAL} and a packet mark.
 */
public record Match(Cidr src, boolean notSrc, Cidr dst, boolean notDst, Proto proto, int dport,
                   String in, boolean notIn, String out, boolean notOut, boolean dstLocal, int mark, int dportLast) {

    public static final Match ANY = new Match(null, false, null, false, null, 0, null, false, null, false, false, 0, 0);

    /** A match on one destination port (or none), as most rules are. */
    public Match(Cidr src, boolean notSrc, Cidr dst, boolean notDst, Proto proto, int dport,
                 String in, boolean notIn, String out, boolean notOut, boolean dstLocal, int mark) {
        this(src, notSrc, dst, notDst, proto, dport, in, notIn, out, notOut, dstLocal, mark, 0);
    }

    public Match {
        if (dportLast <= dport) dportLast = 0;
    }

    /** A destination port range {@code --dport first:last} (a NetworkPolicy port with endPort). */
    public Match withPorts(Proto p, int first, int last) { return new Match(src, notSrc, dst, notDst, p, first, in, notIn, out, notOut, dstLocal, mark, last); }

    /** Whether a packet's destination port is the one (or in the range) this rule names; 0 names none. */
    public boolean portMatches(int port) {
        if (dport == 0) return true;
        return dportLast == 0 ? port == dport : port >= dport && port <= dportLast;
    }

    public Match fromNet(Cidr c) { return new Match(c, false, dst, notDst, proto, dport, in, notIn, out, notOut, dstLocal, mark, dportLast); }
    public Match notFromNet(Cidr c) { return new Match(c, true, dst, notDst, proto, dport, in, notIn, out, notOut, dstLocal, mark, dportLast); }
    public Match toNet(Cidr c) { return new Match(src, notSrc, c, false, proto, dport, in, notIn, out, notOut, dstLocal, mark, dportLast); }
    public Match notToNet(Cidr c) { return new Match(src, notSrc, c, true, proto, dport, in, notIn, out, notOut, dstLocal, mark, dportLast); }
    public Match withProto(Proto p, int port) { return new Match(src, notSrc, dst, notDst, p, port, in, notIn, out, notOut, dstLocal, mark, 0); }
    public Match inDev(String dev) { return new Match(src, notSrc, dst, notDst, proto, dport, dev, false, out, notOut, dstLocal, mark, dportLast); }
    public Match notInDev(String dev) { return new Match(src, notSrc, dst, notDst, proto, dport, dev, true, out, notOut, dstLocal, mark, dportLast); }
    public Match outDev(String dev) { return new Match(src, notSrc, dst, notDst, proto, dport, in, notIn, dev, false, dstLocal, mark, dportLast); }
    public Match notOutDev(String dev) { return new Match(src, notSrc, dst, notDst, proto, dport, in, notIn, dev, true, dstLocal, mark, dportLast); }
    public Match toLocal() { return new Match(src, notSrc, dst, notDst, proto, dport, in, notIn, out, notOut, true, mark, dportLast); }
    public Match withMark(int m) { return new Match(src, notSrc, dst, notDst, proto, dport, in, notIn, out, notOut, dstLocal, m, dportLast); }

    /** The iptables arguments for this match, in the order iptables wants them. */
    public List<String> args() {
        List<String> a = new ArrayList<>();
        if (in != null) { if (notIn) a.add("!"); a.add("-i"); a.add(in); }
        if (out != null) { if (notOut) a.add("!"); a.add("-o"); a.add(out); }
        if (src != null) { if (notSrc) a.add("!"); a.add("-s"); a.add(src.base().toString()); }
        if (dst != null) { if (notDst) a.add("!"); a.add("-d"); a.add(dst.prefix() == 32 ? dst.address().toString() : dst.base().toString()); }
        if (proto != null) { a.add("-p"); a.add(proto.label()); }
        if (proto != null && proto != Proto.ICMP && dport != 0) { a.add("--dport"); a.add(dportLast == 0 ? Integer.toString(dport) : dport + ":" + dportLast); }
        if (dstLocal) { a.add("-m"); a.add("addrtype"); a.add("--dst-type"); a.add("LOCAL"); }
        if (mark != 0) { a.add("-m"); a.add("mark"); a.add("--mark"); a.add("0x" + Integer.toHexString(mark) + "/0x" + Integer.toHexString(mark)); }
        return a;
    }
}
