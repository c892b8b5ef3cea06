/**
 * The challenge mode: a trace played as a quiz. Before each hop plays the learner picks where the
 * packet goes next (on the canvas or from a short list), and before the end how the flow ends;
 * each answer is shown against the right one, and the score of the last try is remembered per
 * sample. {@link dev.hopscope.ui.challenge.ChallengePlan} makes the questions from a trace (no
 * JavaFX); {@link dev.hopscope.ui.challenge.Challenge} plays them in the simulation panel.
 */
package dev.hopscope.ui.challenge;
