/** Measurements of the designer itself: frame times while panning and zooming a large drawing. */
package dev.hopscope.ui.perf;
