/**
 * The drawing as data: {@link dev.hopscope.model.scene.SceneBuilder} turns a document into a
 * {@link dev.hopscope.model.scene.Scene} of node specs (shape, box, words, colour) and link specs
 * (an orthogonal route that goes round other nodes, and a label placed where it can be read).
 * Pure Java, with no JavaFX, so it is computed off the designer's UI thread, compared by value
 * to apply only what changed, and tested without a window.
 */
package dev.hopscope.model.scene;
