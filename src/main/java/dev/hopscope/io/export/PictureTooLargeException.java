package dev.hopscope.io.export;

/** A picture that would be too large to draw or to view; the message says why and what to do instead. */
public final class PictureTooLargeException extends IllegalArgumentException {
    public PictureTooLargeException(String message) {
        super(message);
    }
}
