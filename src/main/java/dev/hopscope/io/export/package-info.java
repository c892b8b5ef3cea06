/**
 * Exports: the canvas as PNG and SVG (one {@link dev.hopscope.io.export.CanvasPainter} over plain
 * Java2D, so the command line runs headless), the topology graph as DOT and GraphML (JGraphT's
 * exporters), and the compiled dataplane as a runnable bash script of network namespaces
 * ({@link dev.hopscope.io.export.NetnsScript}), every document value quoted for the shell.
 */
package dev.hopscope.io.export;
