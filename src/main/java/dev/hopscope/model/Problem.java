package dev.hopscope.model;

/** Something structurally wrong with a document: which node, which attribute, and what. */
public record Problem(String node, String field, String message) {
    @Override public String toString() {
        return (node == null ? "" : node + (field == null ? "" : "." + field) + ": ") + message;
    }
}
