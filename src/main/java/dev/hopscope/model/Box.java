package dev.hopscope.model;

/** Where a node sits on the canvas, in canvas units; hosts use w and h, small nodes may leave them 0. */
public record Box(double x, double y, double w, double h) {
    public Box moved(double dx, double dy) { return new Box(x + dx, y + dy, w, h); }
}
