package dev.hopscope.model.scene;

/** A point in canvas units. */
public record Point(double x, double y) {}
