/**
 * Traces as data, Batfish's way. {@link dev.hopscope.net.trace.Tracer} resolves a
 * {@link dev.hopscope.model.Destination} to {@link dev.hopscope.net.trace.Target}s and walks each
 * ({@link dev.hopscope.net.trace.Walk}: the kernel's forwarding logic, which tells a
 * {@link dev.hopscope.net.trace.WalkObserver} what it does). A {@link dev.hopscope.net.trace.Trace}
 * holds its request and reply {@link dev.hopscope.net.trace.Leg}s; each
 * {@link dev.hopscope.net.trace.Hop} carries its typed {@link dev.hopscope.net.trace.Packet}, a typed
 * {@link dev.hopscope.net.trace.StepDetail}, its {@link dev.hopscope.net.trace.HeaderChange}s and
 * the ARP {@link dev.hopscope.net.trace.NeighbourLookup} that let it send. The
 * {@link dev.hopscope.net.trace.Narrator} writes every sentence from the typed data.
 */
package dev.hopscope.net.trace;
