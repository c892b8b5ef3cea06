package dev.hopscope.net.trace;

import dev.hopscope.net.dataplane.Iface;

/** {@code lo}: what is sent out of it comes straight back in. */
final class LoopbackDevice implements Device {
    static final LoopbackDevice INSTANCE = new LoopbackDevice();

    @Override public Walk.Ending transmit(Walk w, Iface dev, Packet p) { return w.input(dev.ns(), dev, p); }
}
