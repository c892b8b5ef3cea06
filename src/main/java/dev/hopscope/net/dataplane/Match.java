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
                   String in, boolean notIn, String out, boolean notOut, boolean dstLocal, int mark) {

    public static final Match ANY = new Match(null, false, null, false, null, 0, null, false, null, false, false, 0);

    public Match fromNet(Cidr c) { return new Match(c, false, dst, notDst, proto, dport, in, notIn, out, notOut, dstLocal, mark); }
    public Match notFromNet(Cidr c) { return new Match(c, true, dst, notDst, proto, dport, in, notIn, out, notOut, dstLocal, mark); }
    public Match toNet(Cidr c) { return new Match(src, notSrc, c, false, proto, dport, in, notIn, out, notOut, dstLocal, mark); }
    public Match notToNet(Cidr c) { return new Match(src, notSrc, c, true, proto, dport, in, notIn, out, notOut, dstLocal, mark); }
    public Match withProto(Proto p, int port) { return new Match(src, notSrc, dst, notDst, p, port, in, notIn, out, notOut, dstLocal, mark); }
    public Match inDev(String dev) { return new Match(src, notSrc, dst, notDst, proto, dport, dev, false, out, notOut, dstLocal, mark); }
    public Match notInDev(String dev) { return new Match(src, notSrc, dst, notDst, proto, dport, dev, true, out, notOut, dstLocal, mark); }
    public Match outDev(String dev) { return new Match(src, notSrc, dst, notDst, proto, dport, in, notIn, dev, false, dstLocal, mark); }
    public Match notOutDev(String dev) { return new Match(src, notSrc, dst, notDst, proto, dport, in, notIn, dev, true, dstLocal, mark); }
    public Match toLocal() { return new Match(src, notSrc, dst, notDst, proto, dport, in, notIn, out, notOut, true, mark); }
    public Match withMark(int m) { return new Match(src, notSrc, dst, notDst, proto, dport, in, notIn, out, notOut, dstLocal, m); }

    /** The iptables arguments for this match, in the order iptables wants them. */
    public List<String> args() {
        List<String> a = new ArrayList<>();
        if (in != null) { if (notIn) a.add("!"); a.add("-i"); a.add(in); }
        if (out != null) { if (notOut) a.add("!"); a.add("-o"); a.add(out); }
        if (src != null) { if (notSrc) a.add("!"); a.add("-s"); a.add(src.base().toString()); }
        if (dst != null) { if (notDst) a.add("!"); a.add("-d"); a.add(dst.prefix() == 32 ? dst.address().toString() : dst.base().toString()); }
        if (proto != null) { a.add("-p"); a.add(proto.label()); }
        if (proto != null && proto != Proto.ICMP && dport != 0) { a.add("--dport"); a.add(Integer.toString(dport)); }
        if (dstLocal) { a.add("-m"); a.add("addrtype"); a.add("--dst-type"); a.add("LOCAL"); }
        if (mark != 0) { a.add("-m"); a.add("mark"); a.add("--mark"); a.add("0x" + Integer.toHexString(mark) + "/0x" + Integer.toHexString(mark)); }
        return a;
    }
}
