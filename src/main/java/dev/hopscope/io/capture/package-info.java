/**
 * Captures: a trace written as pcapng, the file Wireshark and tshark open. {@link
 * dev.hopscope.io.capture.PcapngWriter} writes the blocks (section header, one interface per capture
 * point, one enhanced packet per frame with its comment); {@link dev.hopscope.io.capture.Wire}
 * encodes headers as real bytes in network order with their checksums (Ethernet, ARP, IPv4, TCP,
 * UDP, ICMP, DNS, VXLAN, ESP); {@link dev.hopscope.io.capture.TraceCapture} turns the typed
 * packets of a trace's hops into frames.
 */
package dev.hopscope.io.capture;
