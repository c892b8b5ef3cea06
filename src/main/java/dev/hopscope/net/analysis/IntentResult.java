package dev.hopscope.net.analysis;

import dev.hopscope.model.Intent;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Trace;

/** An intent checked: the trace that decided it, and whether the expectation holds. */
public record IntentResult(Intent intent, Disposition disposition, boolean ok, String reason, Trace trace) {}
