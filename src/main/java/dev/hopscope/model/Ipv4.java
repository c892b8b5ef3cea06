package dev.hopscope.model;

/** An IPv4 address as an unsigned 32-bit value held in an int. */
public record Ipv4(int bits) implements Comparable<Ipv4> {

    public static Ipv4 parse(String text) {
        if (text == null) throw new IllegalArgumentException("no address");
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (a.b.c.d)");
        int bits = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit))
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (a.b.c.d)");
            int v = Integer.parseInt(p);
            if (v > 255) throw new IllegalArgumentException("'" + text + "': " + v + " is more than 255");
            bits = (bits << 8) | v;
        }
        return new Ipv4(bits);
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
