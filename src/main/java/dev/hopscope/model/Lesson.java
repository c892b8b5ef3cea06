package dev.hopscope.model;

/** Learn mode: a short explanation shown beside the canvas and a preset trace to play. */
public record Lesson(String title, String text, String from, String to, Probe probe) {}
