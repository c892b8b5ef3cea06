package dev.hopscope.model.scene;

import dev.hopscope.model.Box;

/**
 * One node as drawn: its shape, box (canvas units), words, the host it is nested in (or null)
 * and its tone, a colour index shared by a bridge or overlay and the links that plug into it
 * (-1 for none), so a card's veth shows which bar it belongs to.
 */
public record NodeSpec(String id, Shape shape, Box box, NodeText text, String parent, int tone) {}
