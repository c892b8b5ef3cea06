package dev.hopscope.model;

/** An IPv4 address as an unsigned 32-bit value held in an int. */
public record Ipv4(int bits) implements Comparable<Ipv4> {

    public static Ipv4 parse(String text) {
        if (text == null) throw new IllegalArgumentException("no address");
        int bits = 0, octets = 0, value = 0, digits = 0;
        int end = text.length();
        int i = 0;
        while (i < end && text.charAt(i) == ' ') i++;
        while (end > i && text.charAt(end - 1) == ' ') end--;
        for (; i <= end; i++) {
            char c = i < end ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (++digits > 3) throw notAnAddress(text);
                value = value * 10 + (c - '0');
            } else if (c == '.') {
                if (digits == 0 || octets == 4) throw notAnAddress(text);
                if (value > 255) throw new IllegalArgumentException("'" + text + "': " + value + " is more than 255");
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
        return new IllegalArgumentException("'" + text + "' is not an IPv4 address (a.b.c.d)");
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
