/** The palette of node kinds the user drags onto the canvas. */
package dev.hopscope.ui.palette;
