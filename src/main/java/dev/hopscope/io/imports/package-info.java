/**
 * Importers of the files people already have: docker-compose files, Kubernetes manifests and
 * the JSON of {@code docker network inspect}. Input is read into a small located tree (every
 * value knows its line and column) by a YAML reader with hard limits, so every error and
 * warning can point at the place in the file; each format then maps that tree to a document,
 * laid out by {@link dev.hopscope.model.layout.AutoLayout}. Entry point: {@link Importer}.
 */
package dev.hopscope.io.imports;
