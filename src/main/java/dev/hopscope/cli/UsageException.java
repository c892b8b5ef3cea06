package dev.hopscope.cli;

/** Bad input or usage: the message is printed as is and the exit code is 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) { super(message); }
}
