package dev.hopscope.model;

/** An address with a prefix length, e.g. 172.17.0.1/16; {@link #network()} is the masked base. */
public record Cidr(Ipv4 address, int prefix) {

    public Cidr {
        if (prefix < 0 || prefix > 32) throw new IllegalArgumentException("prefix /" + prefix + " is outside 0..32");
    }

    public static Cidr parse(String text) {
        if (text == null) throw new IllegalArgumentException("no CIDR");
        int slash = text.indexOf('/');
        if (slash < 0) {
            Ipv4.parse(text); // says what is wrong with the address first (spaces, octets)
            throw new IllegalArgumentException("'" + text + "' needs a prefix length, e.g. 10.0.0.0/24");
        }
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(c -> c >= '0' && c <= '9') || (len.length() == 2 && len.charAt(0) == '0')) {
            if (!len.isEmpty() && Character.isWhitespace(len.charAt(len.length() - 1)))
                throw new IllegalArgumentException("'" + Ipv4.printable(text) + "' has spaces or line breaks around it; remove them");
            throw new IllegalArgumentException("'" + Ipv4.printable(text) + "': the prefix length must be a number from 0 to 32");
        }
        return new Cidr(Ipv4.parse(text.substring(0, slash)), Integer.parseInt(len));
    }

    public static boolean isValid(String text) {
        try { parse(text); return true; } catch (IllegalArgumentException e) { return false; }
    }

    public static Cidr host(Ipv4 ip) { return new Cidr(ip, 32); }

    public int mask() { return prefix == 0 ? 0 : -1 << (32 - prefix); }

    public Ipv4 network() { return new Ipv4(address.bits() & mask()); }

    public Ipv4 broadcast() { return new Ipv4(network().bits() | ~mask()); }

    public boolean contains(Ipv4 ip) { return (ip.bits() & mask()) == (address.bits() & mask()); }

    public boolean overlaps(Cidr other) {
        int m = prefix < other.prefix ? mask() : other.mask();
        return (address.bits() & m) == (other.address.bits() & m);
    }

    /** Number of addresses in the block (as a long: a /0 holds 2^32). */
    public long size() { return 1L << (32 - prefix); }

    /** The same block written from its network address: 172.17.0.0/16. */
    public Cidr base() { return new Cidr(network(), prefix); }

    @Override public String toString() { return address + "/" + prefix; }
}
