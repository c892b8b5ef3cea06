package dev.hopscope.net.analysis;

import dev.hopscope.model.Probe;
import dev.hopscope.net.trace.Disposition;

/** One cell of the reachability matrix: from, to (endpoint ids), the probe, the best outcome and where it was sent. */
public record MatrixRow(String from, String to, Probe probe, Disposition disposition, String via, String reason) {}
