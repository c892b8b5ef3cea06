package dev.hopscope.net;

import java.util.List;
import java.util.Locale;

/**
 * A problem with the design as a whole: severity, a stable code (DEFAULT_BRIDGE_NO_DNS,
 * PORT_CLASH, ...), the node ids concerned, a message a user can act on and a suggested fix.
 */
public record Finding(Severity severity, String code, List<String> subjects, String message, String fix) {

    public enum Severity {
        ERROR, WARNING, INFO;
        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    public Finding {
        subjects = List.copyOf(subjects);
    }
}
