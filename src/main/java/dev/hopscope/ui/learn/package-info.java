/** Learn mode: a sample's lesson beside the canvas, with a button that plays its preset trace. */
package dev.hopscope.ui.learn;
