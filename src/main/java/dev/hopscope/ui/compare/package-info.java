/**
 * Compare: what the edits since the saved file (or against another design) changed, read from
 * {@link dev.hopscope.net.diff.DesignDiff} as the command line's {@code diff} reads it. Flows that
 * broke are drawn red on the canvas and flows that started working green, with a list to click
 * through; the comparison follows every edit, so undo takes away the marks it no longer earns.
 */
package dev.hopscope.ui.compare;
