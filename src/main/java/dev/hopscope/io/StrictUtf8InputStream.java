package dev.hopscope.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through while checking that they are well-formed UTF-8 (RFC 3629): no overlong
 * forms such as {@code C0 AF} (a disguised '/'), no encoded surrogates such as {@code ED A0 80},
 * nothing above U+10FFFF, no stray continuation bytes. Jackson's parser decodes some of these
 * without complaint. A leading byte order mark is skipped, so a file of only a BOM is empty.
 * The check runs as the parser reads, so a valid file is read once.
 */
final class StrictUtf8InputStream extends FilterInputStream {

    /** The input is not UTF-8; {@link #offset} is the byte where the bad sequence starts. */
    static final class Malformed extends IOException {
        final long offset;

        Malformed(long offset, String what) {
            super(what, null);
            this.offset = offset;
        }
    }

    /** Carries {@link Malformed} out of the parser's unchecked exceptions to the loader, which knows the file. */
    static final class MalformedException extends RuntimeException {
        final Malformed malformed;

        MalformedException(Malformed malformed) {
            super(malformed.getMessage(), malformed, false, false);
            this.malformed = malformed;
        }
    }

    private long offset;
    /** Continuation bytes still expected in the current sequence, and its allowed second-byte range. */
    private int pending;
    private int secondMin = 0x80, secondMax = 0xBF;
    private long sequenceStart;
    private boolean started;

    StrictUtf8InputStream(InputStream in) {
        super(in);
    }

    @Override public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
        if (!started) {
            started = true;
            skipBom();
        }
        int n = super.read(b, off, len);
        if (n < 0) {
            if (pending > 0) throw new Malformed(sequenceStart, "the file ends inside a UTF-8 character");
            return n;
        }
        check(b, off, n);
        return n;
    }

    @Override public long skip(long n) throws IOException {
        // the parser never skips; skipping unchecked bytes would make the offsets wrong
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        int r = read(buf, 0, buf.length);
        return Math.max(r, 0);
    }

    @Override public boolean markSupported() { return false; }

    private void skipBom() throws IOException {
        byte[] head = in.readNBytes(3);
        if (head.length == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            offset = 3;
            return;
        }
        // not a BOM: put the bytes back in front of the rest
        in = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), in);
    }

    private void check(byte[] b, int off, int n) throws Malformed {
        for (int i = off, end = off + n; i < end; i++, offset++) {
            int c = b[i] & 0xff;
            if (pending == 0) {
                if (c < 0x80) continue;
                sequenceStart = offset;
                if (c >= 0xC2 && c <= 0xDF) { pending = 1; secondMin = 0x80; secondMax = 0xBF; }
                else if (c == 0xE0) { pending = 2; secondMin = 0xA0; secondMax = 0xBF; }      // no overlong 3-byte forms
                else if (c == 0xED) { pending = 2; secondMin = 0x80; secondMax = 0x9F; }      // no surrogates U+D800..DFFF
                else if (c >= 0xE1 && c <= 0xEF) { pending = 2; secondMin = 0x80; secondMax = 0xBF; }
                else if (c == 0xF0) { pending = 3; secondMin = 0x90; secondMax = 0xBF; }      // no overlong 4-byte forms
                else if (c >= 0xF1 && c <= 0xF3) { pending = 3; secondMin = 0x80; secondMax = 0xBF; }
                else if (c == 0xF4) { pending = 3; secondMin = 0x80; secondMax = 0x8F; }      // nothing above U+10FFFF
                else throw new Malformed(offset, describe(c));
            } else {
                if (c < secondMin || c > secondMax) throw new Malformed(sequenceStart, "the bytes at this place are not a UTF-8 character");
                secondMin = 0x80;
                secondMax = 0xBF;
                pending--;
            }
        }
    }

    private static String describe(int c) {
        if (c >= 0x80 && c <= 0xBF) return String.format("byte 0x%02X continues a UTF-8 character that never started", c);
        if (c == 0xC0 || c == 0xC1) return String.format("byte 0x%02X starts an overlong UTF-8 form, which is not allowed", c);
        return String.format("byte 0x%02X never occurs in UTF-8", c);
    }
}
