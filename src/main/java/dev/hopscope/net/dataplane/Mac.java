package dev.hopscope.net.dataplane;

/** A 48-bit MAC address. Locally administered addresses are derived from a name so that compiles are deterministic. */
public record Mac(long bits) {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    public static final Mac BROADCAST = new Mac(0xFFFF_FFFF_FFFFL);

    /** 02:42:xx:xx:xx:xx like Docker's, from a stable hash of the owner's name. */
    public static Mac derive(String seed) {
        long h = 1125899906842597L;
        for (int i = 0; i < seed.length(); i++) h = 31 * h + seed.charAt(i);
        return new Mac(0x0242_0000_0000L | (h & 0xFFFF_FFFFL));
    }

    @Override public String toString() {
        char[] out = new char[17];
        for (int i = 5, o = 0; i >= 0; i--) {
            int b = (int) (bits >>> (8 * i)) & 0xFF;
            out[o++] = HEX[b >>> 4];
            out[o++] = HEX[b & 15];
            if (i > 0) out[o++] = ':';
        }
        return new String(out);
    }
}
