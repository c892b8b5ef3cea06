/**
 * Differential reachability: what an edit changed, read from two whole-design analyses (never
 * from the files' text). {@link dev.hopscope.net.diff.DesignDiff#of} compares the matrix rows,
 * intents and findings of a design before and after; the command line's {@code diff} and the
 * designer's compare view both show its answer.
 */
package dev.hopscope.net.diff;
