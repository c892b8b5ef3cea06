package dev.hopscope.model;

import java.util.Locale;

public enum Proto {
    TCP, UDP, ICMP;

    public static Proto parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a protocol (tcp, udp or icmp)");
        }
    }

    public String label() { return name().toLowerCase(Locale.ROOT); }
}
