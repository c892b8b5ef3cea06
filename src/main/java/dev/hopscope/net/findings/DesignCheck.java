package dev.hopscope.net.findings;

import dev.hopscope.net.Finding;

import java.util.function.Consumer;

/** One rule about the design as a whole; it reports zero or more findings. */
public interface DesignCheck {
    void check(Context ctx, Consumer<Finding> out);
}
