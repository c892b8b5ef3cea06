/**
 * The registry of network kinds a {@link dev.hopscope.model.Network} node can be: for each, its
 * driver name, scope (one host, or a cluster of hosts), who joins it, how its addresses are
 * handed out, and its own options with their types and defaults. The file format, the validator,
 * the inspector and the palette read these descriptors, so a new kind needs no code in them;
 * its dataplane is compiled by the matching provider in {@code dev.hopscope.net.provider}.
 */
package dev.hopscope.model.kinds;
