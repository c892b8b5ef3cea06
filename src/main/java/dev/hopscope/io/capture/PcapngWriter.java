package dev.hopscope.io.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes one pcapng section (the IETF opsawg pcapng draft): a Section Header Block, Interface
 * Description Blocks added on first use, and Enhanced Packet Blocks with a comment each. Blocks are
 * little-endian (the byte-order magic tells readers so) and padded to 32 bits. Timestamps are
 * microseconds since the epoch, the default resolution, so no {@code if_tsresol} is needed.
 *
 * <p>Written here rather than taken from a library: Maven Central has no maintained pcapng writer
 * (pcap4j's dumper writes classic pcap through the native libpcap, with neither per-packet
 * comments nor several named interfaces in one file), and these three block types are small.
 */
public final class PcapngWriter implements AutoCloseable {
    public static final int LINKTYPE_ETHERNET = 1;
    /** Raw IPv4 or IPv6, told apart by the version nibble: a packet inside the IP stack, between frames. */
    public static final int LINKTYPE_RAW = 101;

    private static final int SHB = 0x0A0D0D0A, IDB = 1, EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_END = 0, OPT_COMMENT = 1;
    private static final int SHB_USERAPPL = 4, IF_NAME = 2, IF_DESCRIPTION = 3;
    private static final int SNAPLEN = 262144;

    private final OutputStream out;
    private final Map<String, Integer> interfaces = new HashMap<>();

    /** Starts the section: {@code application} names the writer, {@code comment} (may be null) describes the capture. */
    public PcapngWriter(OutputStream out, String application, String comment) throws IOException {
        this.out = out;
        Options o = new Options();
        if (comment != null) o.add(OPT_COMMENT, comment);
        o.add(SHB_USERAPPL, application);
        ByteBuffer body = le(16);
        body.putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L); // section length unknown
        block(SHB, body.array(), o.bytes());
    }

    /**
     * The index of the interface named {@code name} with {@code linkType}, written now if this is its
     * first use. One name may appear with two link types (frames on the device, and packets inside
     * the IP stack at the same place): each is its own interface.
     */
    public int interfaceFor(String name, int linkType, String description) throws IOException {
        String key = linkType + "\u0000" + name;
        Integer known = interfaces.get(key);
        if (known != null) return known;
        Options o = new Options();
        o.add(IF_NAME, name);
        if (description != null) o.add(IF_DESCRIPTION, description);
        ByteBuffer body = le(8);
        body.putShort((short) linkType).putShort((short) 0).putInt(SNAPLEN);
        block(IDB, body.array(), o.bytes());
        int id = interfaces.size();
        interfaces.put(key, id);
        return id;
    }

    public int interfaceCount() { return interfaces.size(); }

    /** One packet on {@code interfaceId} at {@code micros} since the epoch, with an optional comment. */
    public void packet(int interfaceId, long micros, byte[] data, String comment) throws IOException {
        if (interfaceId < 0 || interfaceId >= interfaces.size()) throw new IllegalArgumentException("no interface " + interfaceId);
        Options o = new Options();
        if (comment != null && !comment.isEmpty()) o.add(OPT_COMMENT, comment);
        ByteBuffer body = le(20 + pad(data.length));
        body.putInt(interfaceId).putInt((int) (micros >>> 32)).putInt((int) micros).putInt(data.length).putInt(data.length);
        body.put(data);
        block(EPB, body.array(), o.bytes());
    }

    @Override public void close() throws IOException { out.flush(); }

    private void block(int type, byte[] body, byte[] options) throws IOException {
        int total = 12 + body.length + options.length;
        ByteBuffer b = le(total);
        b.putInt(type).putInt(total).put(body).put(options).putInt(total);
        out.write(b.array());
    }

    private static ByteBuffer le(int size) { return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN); }

    static int pad(int n) { return (n + 3) & ~3; }

    /** Options of one block: code, length, value padded to 32 bits, closed by opt_endofopt. */
    private static final class Options {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void add(int code, String value) {
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            if (v.length > 0xFFFF) v = truncate(v, 0xFFFF);
            ByteBuffer b = le(4 + pad(v.length));
            b.putShort((short) code).putShort((short) v.length).put(v);
            bytes.writeBytes(b.array());
        }

        byte[] bytes() {
            if (bytes.size() == 0) return new byte[0];
            bytes.writeBytes(le(4).putShort((short) OPT_END).putShort((short) 0).array());
            return bytes.toByteArray();
        }

        /** Cut at a character boundary, so the comment stays valid UTF-8. */
        private static byte[] truncate(byte[] v, int max) {
            int n = max;
            while (n > 0 && (v[n] & 0xC0) == 0x80) n--;
            return java.util.Arrays.copyOf(v, n);
        }
    }
}
