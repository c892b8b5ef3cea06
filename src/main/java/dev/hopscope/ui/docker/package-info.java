/**
 * File › Import › From Docker…: the dialog that reads a running engine off the FX thread with a
 * progress indicator, and re-imports on demand into the drawing on screen, keeping the user's
 * boxes for the nodes that still exist (one undoable step).
 */
package dev.hopscope.ui.docker;
