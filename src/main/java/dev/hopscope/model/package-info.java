/**
 * The document: immutable node records (hosts, bridges, overlays, containers, pods, Services,
 * externals, intents), the JGraphT view of their links, IPAM and structural validation. Knows
 * nothing of packets, files or JavaFX.
 */
package dev.hopscope.model;
