package dev.hopscope.model;

import java.util.Optional;

/**
 * Where a flow is sent, parsed once from what a person typed ({@code --to}, an intent's or a
 * lesson's {@code to}): a name (a node's id or name, or a DNS name) or an IPv4 address,
 * optionally with a port. {@code web}, {@code web:80}, {@code 10.0.0.2}, {@code 10.0.0.2:5432}.
 * Which node a name stands for, and what a DNS name resolves to, is the tracer's business:
 * this value only says what was asked for.
 */
public sealed interface Destination permits Destination.Named, Destination.Address {

    /** The port asked for, or 0 when none was given. */
    int port();

    default boolean hasPort() { return port() != 0; }

    /** The same destination with another port (0: none). */
    Destination withPort(int port);

    /** The text before any {@code :PORT}: the name, or the address as text. */
    String host();

    /** As typed, normalised: {@code host} or {@code host:port}. */
    default String text() { return hasPort() ? host() + ":" + port() : host(); }

    /** A node's id or name, or a DNS name. */
    record Named(String name, int port) implements Destination {
        public Named {
            checkName(name);
            checkPort(name, port);
        }

        @Override public Destination withPort(int p) { return new Named(name, p); }

        @Override public String host() { return name; }

        @Override public String toString() { return text(); }
    }

    /** An IPv4 address. */
    record Address(Ipv4 address, int port) implements Destination {
        public Address {
            if (address == null) throw new IllegalArgumentException("a destination address is missing");
            checkPort(address.toString(), port);
        }

        @Override public Destination withPort(int p) { return new Address(address, p); }

        @Override public String host() { return address.toString(); }

        @Override public String toString() { return text(); }
    }

    /**
     * Parses {@code NAME}, {@code NAME:PORT}, {@code A.B.C.D} or {@code A.B.C.D:PORT}.
     *
     * @throws IllegalArgumentException with a message that quotes the text and says what is wrong
     */
    static Destination parse(String text) {
        if (text == null || text.isEmpty())
            throw new IllegalArgumentException("the destination is empty: give a node, an address or a DNS name, optionally with :PORT");
        if (!text.strip().equals(text))
            throw new IllegalArgumentException("'" + text + "' has spaces around it: give the destination without them");
        int colon = text.indexOf(':');
        String host = colon < 0 ? text : text.substring(0, colon);
        int port = 0;
        if (colon >= 0) {
            String tail = text.substring(colon + 1);
            if (tail.indexOf(':') >= 0)
                throw new IllegalArgumentException("'" + text + "' has more than one ':': give NAME:PORT or ADDRESS:PORT, with a single port");
            if (host.isEmpty()) throw new IllegalArgumentException("'" + text + "' gives a port but no node, address or name before the ':'");
            if (tail.isEmpty()) throw new IllegalArgumentException("'" + text + "' ends with ':' but gives no port after it");
            port = portNumber(text, tail);
        }
        if (looksLikeAddress(host)) {
            Ipv4 ip;
            try {
                ip = Ipv4.parse(host);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(colon < 0 ? e.getMessage() : "'" + text + "': " + e.getMessage());
            }
            return new Address(ip, port);
        }
        return new Named(host, port);
    }

    /** {@link #parse}, or empty when the text is not a destination. */
    static Optional<Destination> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What is wrong with the text as a destination, or empty when it parses. */
    static Optional<String> problem(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static int portNumber(String text, String tail) {
        for (int i = 0; i < tail.length(); i++)
            if (tail.charAt(i) < '0' || tail.charAt(i) > '9')
                throw new IllegalArgumentException("'" + text + "': '" + tail + "' is not a port number (1..65535)");
        if (tail.length() > 5 || Integer.parseInt(tail) > 65535 || Integer.parseInt(tail) < 1)
            throw new IllegalArgumentException("'" + text + "': the port " + tail + " is outside 1..65535");
        return Integer.parseInt(tail);
    }

    /** Digits and dots only: meant as an address (no DNS name or node id of ours is all digits and dots with three dots). */
    private static boolean looksLikeAddress(String host) {
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') dots++;
            else if (c < '0' || c > '9') return false;
        }
        return dots == 3;
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("the destination has no name");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c))
                throw new IllegalArgumentException("'" + name + "' contains " + (c == ' ' ? "a space" : "a control character")
                        + ": a node, address or DNS name has none");
            if (c == ':') throw new IllegalArgumentException("'" + name + "' contains ':': give NAME:PORT with a single port");
        }
    }

    private static void checkPort(String host, int port) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("'" + host + ":" + port + "': the port " + port + " is outside 1..65535");
    }
}
