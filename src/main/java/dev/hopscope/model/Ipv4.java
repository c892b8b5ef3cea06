package dev.hopscope.model;

/** An IPv4 address as an unsigned 32-bit value held in an int. */
public record Ipv4(int bits) implements Comparable<Ipv4> {

    /**
     * Dotted-quad only, as Docker (Go's net.ParseIP) reads it: four decimal octets, no spaces
     * around them and no leading zeros ("010" is octal 8 to inet_aton and refused by Docker).
     */
    public static Ipv4 parse(String text) {
        if (text == null) throw new IllegalArgumentException("no address");
        int bits = 0, octets = 0, value = 0, digits = 0;
        int end = text.length();
        boolean leadingZero = false;
        for (int i = 0; i <= end; i++) {
            char c = i < end ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (++digits > 3) throw notAnAddress(text);
                if (digits == 2 && value == 0) leadingZero = true;
                value = value * 10 + (c - '0');
            } else if (c == '.') {
                if (digits == 0 || octets == 4) throw notAnAddress(text);
                if (value > 255) throw new IllegalArgumentException("'" + text + "': " + value + " is more than 255");
                if (leadingZero)
                    throw new IllegalArgumentException("'" + text + "': an octet with a leading zero is read as octal by some tools"
                            + " and refused by Docker; write it without the zero");
                bits = (bits << 8) | value;
                octets++;
                value = 0;
                digits = 0;
            } else {
                throw notAnAddress(text);
            }
        }
        if (octets != 4) throw notAnAddress(text);
        return new Ipv4(bits);
    }

    private static IllegalArgumentException notAnAddress(String text) {
        if (!text.isEmpty() && (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1))))
            return new IllegalArgumentException("'" + printable(text) + "' has spaces or line breaks around the address; remove them");
        return new IllegalArgumentException("'" + printable(text) + "' is not an IPv4 address (a.b.c.d)");
    }

    /** The text as it can be shown in a one-line message: control characters written as escapes. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') sb.append("\\n");
            else if (c == '\t') sb.append("\\t");
            else if (c < 0x20 || c == 0x7f) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    public static boolean isValid(String text) {
        try { parse(text); return true; } catch (IllegalArgumentException e) { return false; }
    }

    public Ipv4 plus(int n) { return new Ipv4(bits + n); }

    public boolean isLoopback() { return (bits >>> 24) == 127; }

    @Override public int compareTo(Ipv4 o) { return Integer.compareUnsigned(bits, o.bits); }

    @Override public String toString() {
        return ((bits >>> 24) & 255) + "." + ((bits >>> 16) & 255) + "." + ((bits >>> 8) & 255) + "." + (bits & 255);
    }
}
