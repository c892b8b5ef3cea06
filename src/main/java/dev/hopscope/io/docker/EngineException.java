package dev.hopscope.io.docker;

/** The engine could not be reached or read: the message is one line a user can act on. */
public final class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }
}
