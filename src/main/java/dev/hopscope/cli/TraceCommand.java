package dev.hopscope.cli;

import dev.hopscope.io.ReportJson;
import dev.hopscope.io.capture.TraceCapture;
import dev.hopscope.model.Destination;
import dev.hopscope.model.Document;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.net.Network;
import dev.hopscope.net.trace.Trace;
import dev.hopscope.net.trace.Tracer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "trace", description = "One flow, hop by hop, with its reply.")
final class TraceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path file;
    @Option(names = "--from", required = true, paramLabel = "A", description = "the source: a node id or name") String from;
    @Option(names = "--to", required = true, paramLabel = "B[:PORT]", description = "a node id or name, an address or a DNS name, optionally with :PORT") String to;
    @Option(names = "--proto", paramLabel = "tcp|udp|icmp", description = "default: tcp with a port, icmp without") String proto;
    @Option(names = "--size", paramLabel = "BYTES", description = "payload bytes, sent with Don't Fragment set (the MTU check)") int size;
    @Option(names = "--endpoint", paramLabel = "NAME", description = "where the flow passes a Service, follow the branch that ends at this backend") String endpoint;
    @Option(names = "--json", description = "print one JSON object (SPEC section 3)") boolean json;
    @Option(names = "--pcap", paramLabel = "FILE", description = "also write the trace as a pcapng capture (Wireshark, tshark)") Path pcap;
    @Spec CommandSpec spec;

    @Override public Integer call() {
        Document doc = Inputs.load(file);
        Destination dest;
        try {
            dest = Destination.parse(to.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--to " + e.getMessage());
        }
        int port = dest.port();
        Proto p;
        try {
            p = proto != null ? Proto.parse(proto) : port != 0 ? Proto.TCP : Proto.ICMP;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--proto: " + e.getMessage());
        }
        if (p != Proto.ICMP && port == 0) throw new UsageException("--to " + to + ": " + p.label() + " needs a port, e.g. --to " + to + ":80");
        if (size < 0 || size > 65507) throw new UsageException("--size " + size + " is outside 0..65507");
        Probe probe;
        try {
            probe = new Probe(p, port, size);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (p == Proto.ICMP) dest = dest.withPort(0);
        Tracer tracer = Network.compile(doc).tracer();
        Trace t = endpoint == null ? tracer.trace(from, dest, probe) : tracer.trace(from, dest, probe, endpoint);
        if (pcap != null) {
            try {
                int packets = TraceCapture.write(t, pcap);
                spec.commandLine().getErr().println(pcap + ": " + packets + " packets (pcapng)");
            } catch (java.io.UncheckedIOException e) {
                throw new UsageException(e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ReportJson.writeTrace(t, tracer.narrator(), out);
            out.println();
        } else {
            TextReport.trace(t, tracer.narrator(), out);
        }
        out.flush();
        return Cli.OK;
    }
}
