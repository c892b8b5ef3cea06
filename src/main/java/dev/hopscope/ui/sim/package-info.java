/**
 * The simulation panel: choose a flow, trace it with the engine (off the FX thread), and play it
 * back hop by hop — the packet glyph on the canvas, the event list, the header view and the hop's
 * sentence. {@link dev.hopscope.ui.sim.Playback} is the small view model between the engine's
 * trace and these views; it holds no network logic.
 */
package dev.hopscope.ui.sim;
