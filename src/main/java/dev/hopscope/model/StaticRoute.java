package dev.hopscope.model;

/** A route the user adds by hand: destination CIDR via a gateway address. */
public record StaticRoute(String destination, String via) {}
