/**
 * Live reachability flags: {@link dev.hopscope.ui.flags.AnalysisService} re-runs the engine's
 * analysis off the FX thread after each edit (debounced, stale runs dropped);
 * {@link dev.hopscope.ui.flags.FlagPainter} marks violated intents and findings on the canvas;
 * {@link dev.hopscope.ui.flags.FindingsView} lists them.
 */
package dev.hopscope.ui.flags;
