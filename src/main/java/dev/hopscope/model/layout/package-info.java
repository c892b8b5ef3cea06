/**
 * Automatic placement of a document on the canvas: hosts in a grid with their bridges and cards
 * nested inside, underlays and overlays as bands, externals and Services beside what they belong
 * to. Pure Java, so importers, the command line and the designer share one layout.
 */
package dev.hopscope.model.layout;
