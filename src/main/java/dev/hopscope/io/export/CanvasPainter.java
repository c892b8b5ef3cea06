package dev.hopscope.io.export;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Link;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.TopologyGraph;
import dev.hopscope.model.Underlay;
import dev.hopscope.model.layout.AutoLayout;
import dev.hopscope.model.layout.Metrics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Draws a document's canvas with plain {@link Graphics2D}, from its layout boxes: one painter
 * for PNG (a BufferedImage) and SVG (JFreeSVG), so the command line needs no JavaFX and no
 * display. The palette is the designer's light theme.
 */
public final class CanvasPainter {

    // the designer's light palette (hopscope.css)
    static final Color CANVAS = new Color(0xfbfcfd);
    static final Color HOST = new Color(0xf6f8fa), HOST_BORDER = new Color(0xafb8c1);
    static final Color BRIDGE = new Color(0xfff4d6), BRIDGE_BORDER = new Color(0xd4a72c);
    static final Color CARD = new Color(0xeef6ff), CARD_BORDER = new Color(0x80b5ea);
    static final Color POD = new Color(0xf1ecff), POD_BORDER = new Color(0xa690e0);
    static final Color SERVICE = new Color(0xe8f7ee), SERVICE_BORDER = new Color(0x4ac26b);
    static final Color EXTERNAL = new Color(0x8250df), EXTERNAL_FILL = new Color(0xf5f0ff);
    static final Color UNDERLAY = new Color(0x57606a), UNDERLAY_FILL = new Color(0xeaeef2);
    static final Color VXLAN = new Color(0x1a7f37), VXLAN_FILL = new Color(0xe6f6ea);
    static final Color VETH = new Color(0x6e7781);
    static final Color INTENT = new Color(0x0969da), INTENT_ISOLATED = new Color(0xcf222e);
    static final Color TEXT = new Color(0x1f2328), MUTED = new Color(0x59636e);

    private static final String FAMILY = family();

    private final Document doc;
    private final Addresses addresses;
    private final Rectangle2D bounds;

    public CanvasPainter(Document doc) {
        this.doc = AutoLayout.fillMissing(doc);
        this.addresses = new Addresses(this.doc);
        this.bounds = computeBounds();
    }

    /** The picture's size in canvas units: every box plus the margin. */
    public int width() { return (int) Math.ceil(bounds.getWidth()); }

    public int height() { return (int) Math.ceil(bounds.getHeight()); }

    /** The canvas point drawn at the picture's top left. */
    public double originX() { return bounds.getX(); }

    public double originY() { return bounds.getY(); }

    private Rectangle2D computeBounds() {
        double minX = 0, minY = 0, maxX = 200, maxY = 100;
        boolean first = true;
        for (Node n : doc.nodes()) {
            Box b = doc.layout().get(n.id());
            if (b == null || n instanceof Intent) continue;
            double w = Math.max(b.w(), 1), h = Math.max(b.h(), 1);
            double bottom = b.y() + h + (n instanceof External ? 34 : 0);
            double right = b.x() + w + (n instanceof External ? 60 : 0);
            double left = b.x() - (n instanceof External ? 60 : 0);
            if (first) { minX = left; minY = b.y(); maxX = right; maxY = bottom; first = false; }
            minX = Math.min(minX, left); minY = Math.min(minY, b.y());
            maxX = Math.max(maxX, right); maxY = Math.max(maxY, bottom);
        }
        double m = Metrics.MARGIN;
        return new Rectangle2D.Double(minX - m, minY - m - 28, maxX - minX + 2 * m, maxY - minY + 2 * m + 28);
    }

    /** The nodes at the layout's outer edges, for a message about a layout too large to draw. */
    String extremes() {
        Node left = null, right = null, top = null, bottom = null;
        for (Node n : doc.nodes()) {
            Box b = doc.layout().get(n.id());
            if (b == null || n instanceof Intent) continue;
            if (left == null || b.x() < doc.layout().get(left.id()).x()) left = n;
            if (right == null || b.x() + b.w() > doc.layout().get(right.id()).x() + doc.layout().get(right.id()).w()) right = n;
            if (top == null || b.y() < doc.layout().get(top.id()).y()) top = n;
            if (bottom == null || b.y() + b.h() > doc.layout().get(bottom.id()).y() + doc.layout().get(bottom.id()).h()) bottom = n;
        }
        if (left == null) return "no node has a place";
        java.util.function.BiFunction<Node, String, String> say = (n, where) -> {
            Box b = doc.layout().get(n.id());
            return String.format(java.util.Locale.ROOT, "%s '%s' at x = %.0f, y = %.0f", where, n.id(), b.x(), b.y());
        };
        return String.join("; ", new java.util.LinkedHashSet<>(List.of(say.apply(left, "leftmost"), say.apply(right, "rightmost"),
                say.apply(top, "topmost"), say.apply(bottom, "lowest"))));
    }

    /** Paints at {@code scale} device pixels per canvas unit, the picture's top left at 0,0. */
    public void paint(Graphics2D g, double scale) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(scale, scale);
        g.setColor(CANVAS);
        g.fill(new Rectangle2D.Double(0, 0, bounds.getWidth(), bounds.getHeight()));
        g.translate(-bounds.getX(), -bounds.getY());

        g.setColor(TEXT);
        g.setFont(font(Font.BOLD, 15));
        g.drawString(doc.name(), (float) (bounds.getX() + Metrics.MARGIN), (float) (bounds.getY() + Metrics.MARGIN + 12));

        for (Underlay u : doc.all(Underlay.class)) band(g, u.id(), UNDERLAY, UNDERLAY_FILL,
                join(u.name(), u.subnet(), "MTU " + u.mtu()));
        for (Overlay o : doc.all(Overlay.class)) band(g, o.id(), VXLAN, VXLAN_FILL,
                join(o.name(), "VNI " + o.vni(), o.subnet(), o.driver().label(), Boolean.TRUE.equals(o.encrypted()) ? "ESP" : null));
        for (dev.hopscope.model.Network w : doc.all(dev.hopscope.model.Network.class))
            if (w.host() == null) band(g, w.id(), VXLAN, VXLAN_FILL, networkText(w));
        for (Host h : doc.all(Host.class)) host(g, h);
        links(g);
        for (Bridge b : doc.all(Bridge.class)) bridge(g, b);
        for (dev.hopscope.model.Network w : doc.all(dev.hopscope.model.Network.class)) if (w.host() != null) hostNetwork(g, w);
        for (Container c : doc.all(Container.class)) container(g, c);
        for (Pod p : doc.all(Pod.class)) pod(g, p);
        for (Service s : doc.all(Service.class)) service(g, s);
        for (External e : doc.all(External.class)) external(g, e);
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (Intent i : doc.all(Intent.class)) {
            String a = i.from() == null ? "" : doc.find(i.from()).map(Node::id).orElse("");
            String b = i.destinationNode(doc).map(Node::id).orElse("");
            String pair = a.compareTo(b) < 0 ? a + "\n" + b : b + "\n" + a;
            int k = seen.merge(pair, 1, Integer::sum) - 1;
            intent(g, i, k);
        }
    }

    // ---- nodes ----

    private void band(Graphics2D g, String id, Color stroke, Color fill, String label) {
        Box b = box(id);
        if (b == null) return;
        Shape s = new RoundRectangle2D.Double(b.x(), b.y(), b.w(), b.h(), b.h(), b.h());
        g.setColor(fill);
        g.fill(s);
        g.setColor(stroke);
        g.setStroke(new BasicStroke(1.5f));
        g.draw(s);
        g.setFont(font(Font.PLAIN, 11.5f));
        text(g, label, b.x() + 12, b.y() + b.h() / 2 + 4, b.w() - 24);
    }

    private void host(Graphics2D g, Host h) {
        Box b = box(h.id());
        if (b == null) return;
        Shape s = new RoundRectangle2D.Double(b.x(), b.y(), b.w(), b.h(), 14, 14);
        g.setColor(new Color(0, 0, 0, 14));
        g.fill(new RoundRectangle2D.Double(b.x() + 1.5, b.y() + 2.5, b.w(), b.h(), 14, 14));
        g.setColor(HOST);
        g.fill(s);
        g.setColor(HOST_BORDER);
        g.setStroke(new BasicStroke(1.3f));
        g.draw(s);
        g.setColor(TEXT);
        g.setFont(font(Font.BOLD, 14));
        text(g, h.name(), b.x() + 14, b.y() + 20, b.w() - 28);
        g.setColor(MUTED);
        g.setFont(font(Font.PLAIN, 11));
        String role = h.role() == null ? null : h.role().name().toLowerCase().replace('_', '-');
        text(g, join(h.address() == null ? null : "eth0 " + h.address(), role,
                Boolean.FALSE.equals(h.ipForward()) ? "ip_forward off" : null), b.x() + 14, b.y() + 34, b.w() - 28);
    }

    private void bridge(Graphics2D g, Bridge br) {
        Box b = box(br.id());
        if (b == null) return;
        Shape s = new RoundRectangle2D.Double(b.x(), b.y(), b.w(), b.h(), 8, 8);
        g.setColor(BRIDGE);
        g.fill(s);
        g.setColor(BRIDGE_BORDER);
        g.setStroke(new BasicStroke(1.3f));
        g.draw(s);
        g.setColor(TEXT);
        String gw = addresses.gateway(br.id());
        g.setFont(font(Font.PLAIN, 11.5f));
        String internal = Boolean.TRUE.equals(br.internal()) ? "internal" : null;
        String full = join(br.name(), br.subnet(), gw == null ? null : "gw " + gw, internal);
        if (g.getFontMetrics().stringWidth(full) > b.w() - 20) full = join(br.name(), br.subnet(), internal);
        text(g, full, b.x() + 10, b.y() + b.h() / 2 + 4, b.w() - 20);
    }

    /** A network that lives in one host (macvlan, ipvlan) is drawn as a bar like a bridge, named with its driver and parent. */
    private void hostNetwork(Graphics2D g, dev.hopscope.model.Network w) {
        Box b = box(w.id());
        if (b == null) return;
        Shape s = new RoundRectangle2D.Double(b.x(), b.y(), b.w(), b.h(), 8, 8);
        g.setColor(BRIDGE);
        g.fill(s);
        g.setColor(BRIDGE_BORDER);
        g.setStroke(dashed(1.3f));
        g.draw(s);
        g.setColor(TEXT);
        g.setFont(font(Font.PLAIN, 11.5f));
        String full = networkText(w);
        if (g.getFontMetrics().stringWidth(full) > b.w() - 20) full = scene(w).title();
        text(g, full, b.x() + 10, b.y() + b.h() / 2 + 4, b.w() - 20);
    }

    private void container(Graphics2D g, Container c) {
        Box b = box(c.id());
        if (b == null) return;
        card(g, b, CARD, CARD_BORDER);
        List<String> lines = new ArrayList<>();
        List<String> addrs = addresses.of(c);
        String mode = c.mode() == Container.Mode.BRIDGE ? null
                : c.mode().name().toLowerCase().replace('_', '-') + (c.modeTarget() != null ? ":" + c.modeTarget() : "") + " mode";
        lines.add(join(addrs.isEmpty() ? mode : String.join(", ", addrs), c.image()));
        if (!addrs.isEmpty() && mode != null) lines.add(mode);
        String ports = ports(c.sockets(), c.ports());
        if (!ports.isEmpty()) lines.add(ports);
        cardText(g, b, c.name(), lines);
    }

    private void pod(Graphics2D g, Pod p) {
        Box b = box(p.id());
        if (b == null) return;
        card(g, b, POD, POD_BORDER);
        List<String> lines = new ArrayList<>();
        List<String> addrs = addresses.of(p);
        lines.add(join(Boolean.TRUE.equals(p.hostNetwork()) ? "hostNetwork" : String.join(", ", addrs), "pod"));
        for (Pod.PodContainer pc : p.containers())
            lines.add(join(pc.name(), ports(pc.sockets(), List.of())));
        cardText(g, b, p.name(), lines);
    }

    private void service(Graphics2D g, Service s) {
        Box b = box(s.id());
        if (b == null) return;
        double cut = Math.min(14, b.h() / 2);
        Path2D hex = new Path2D.Double();
        hex.moveTo(b.x() + cut, b.y());
        hex.lineTo(b.x() + b.w() - cut, b.y());
        hex.lineTo(b.x() + b.w(), b.y() + b.h() / 2);
        hex.lineTo(b.x() + b.w() - cut, b.y() + b.h());
        hex.lineTo(b.x() + cut, b.y() + b.h());
        hex.lineTo(b.x(), b.y() + b.h() / 2);
        hex.closePath();
        g.setColor(SERVICE);
        g.fill(hex);
        g.setColor(SERVICE_BORDER);
        g.setStroke(new BasicStroke(1.4f));
        g.draw(hex);
        String ports = s.ports().stream().map(p -> p.port() + (p.nodePort() != 0 || addresses.ipam().nodePort(s.id(), p.port()) != 0
                        ? ":" + addresses.ipam().nodePort(s.id(), p.port()) : "") + "/" + p.proto().label())
                .collect(Collectors.joining(" "));
        g.setColor(TEXT);
        g.setFont(font(Font.BOLD, 12));
        text(g, s.name(), b.x() + cut, b.y() + 18, b.w() - 2 * cut);
        g.setColor(MUTED);
        g.setFont(font(Font.PLAIN, 10.5f));
        // the canvas's words: "LB 192.168.50.240 · 10.96.0.11", "→ db.example.com"
        text(g, scene(s).subtitle(), b.x() + cut, b.y() + 32, b.w() - 2 * cut);
        text(g, ports, b.x() + cut, b.y() + 44, b.w() - 2 * cut);
    }

    /** What the canvas writes on a node, so that the picture and the designer say the same. */
    private dev.hopscope.model.scene.NodeText scene(dev.hopscope.model.Node n) {
        return dev.hopscope.model.scene.NodeText.of(doc, addresses.ipam(), n);
    }

    /** A network's line as the canvas writes it: "calico · 10.48.0.0/16", not "calico · calico · ...". */
    private String networkText(dev.hopscope.model.Network w) {
        dev.hopscope.model.scene.NodeText t = scene(w);
        return t.subtitle().isEmpty() ? t.title() : t.title() + " · " + t.subtitle();
    }

    private void external(Graphics2D g, External e) {
        Box b = box(e.id());
        if (b == null) return;
        double d = Math.min(b.w() == 0 ? Metrics.GLOBE : b.w(), b.h() == 0 ? Metrics.GLOBE : b.h());
        double x = b.x() + ((b.w() == 0 ? d : b.w()) - d) / 2, y = b.y();
        g.setColor(EXTERNAL_FILL);
        g.fill(new Ellipse2D.Double(x, y, d, d));
        g.setColor(EXTERNAL);
        g.setStroke(new BasicStroke(1.4f));
        g.draw(new Ellipse2D.Double(x, y, d, d));
        g.setStroke(new BasicStroke(1f));
        g.draw(new Ellipse2D.Double(x + d * 0.28, y, d * 0.44, d));
        g.draw(new Line2D.Double(x, y + d / 2, x + d, y + d / 2));
        g.draw(new Line2D.Double(x + d * 0.08, y + d * 0.27, x + d * 0.92, y + d * 0.27));
        g.draw(new Line2D.Double(x + d * 0.08, y + d * 0.73, x + d * 0.92, y + d * 0.73));
        g.setColor(TEXT);
        g.setFont(font(Font.BOLD, 12));
        centred(g, e.name(), x + d / 2, y + d + 14);
        g.setColor(MUTED);
        g.setFont(font(Font.PLAIN, 10.5f));
        String ports = ports(e.sockets(), List.of());
        centred(g, join(e.address(), ports.isEmpty() ? null : ports), x + d / 2, y + d + 27);
    }

    private void intent(Graphics2D g, Intent i, int k) {
        Box a = i.from() == null ? null : doc.find(i.from()).map(n -> box(n.id())).orElse(null);
        Box b = i.destinationNode(doc).map(n -> box(n.id())).orElse(null);
        if (a == null || b == null || a == b) return;
        double[] e = LinkEnds.between(a, b);
        boolean isolated = i.expect() != null && i.expect().name().equals("ISOLATED");
        Color c = isolated ? INTENT_ISOLATED : INTENT;
        // a gentle arc, so an intent never hides a link drawn along the same line
        double mx = (e[0] + e[2]) / 2, my = (e[1] + e[3]) / 2;
        double dx = e[2] - e[0], dy = e[3] - e[1], len = Math.max(1, Math.hypot(dx, dy));
        // the k-th intent between one pair bends the other way, or further, so labels never sit on each other
        double bend = Math.min(40, len * 0.18) * (k % 2 == 0 ? 1 : -1) * (1 + k / 2);
        if (e[0] > e[2] || (e[0] == e[2] && e[1] > e[3])) bend = -bend;
        double cx = mx - dy / len * bend, cy = my + dx / len * bend;
        Path2D p = new Path2D.Double();
        p.moveTo(e[0], e[1]);
        p.quadTo(cx, cy, e[2], e[3]);
        g.setColor(c);
        g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10, new float[] {6, 5}, 0));
        g.draw(p);
        arrowHead(g, cx, cy, e[2], e[3]);
        String probe = i.probe() == null ? "" : i.probe().toString();
        String label = (isolated ? "must not reach " : "") + probe;
        g.setFont(font(Font.PLAIN, 10.5f));
        double lx = (mx + cx) / 2, ly = (my + cy) / 2 + 4;
        FontMetrics fm = g.getFontMetrics();
        double w = fm.stringWidth(label) + 8;
        g.setColor(new Color(255, 255, 255, 225));
        g.fill(new RoundRectangle2D.Double(lx - w / 2, ly - 9, w, 14, 6, 6));
        g.setColor(c);
        centred(g, label, lx, ly + 2);
    }

    private static void arrowHead(Graphics2D g, double fx, double fy, double tx, double ty) {
        double ang = Math.atan2(ty - fy, tx - fx);
        double s = 8;
        Path2D h = new Path2D.Double();
        h.moveTo(tx, ty);
        h.lineTo(tx - s * Math.cos(ang - 0.4), ty - s * Math.sin(ang - 0.4));
        h.lineTo(tx - s * Math.cos(ang + 0.4), ty - s * Math.sin(ang + 0.4));
        h.closePath();
        g.fill(h);
    }

    private static void card(Graphics2D g, Box b, Color fill, Color border) {
        Shape s = new RoundRectangle2D.Double(b.x(), b.y(), b.w(), b.h(), 10, 10);
        g.setColor(new Color(0, 0, 0, 16));
        g.fill(new RoundRectangle2D.Double(b.x() + 1, b.y() + 2, b.w(), b.h(), 10, 10));
        g.setColor(fill);
        g.fill(s);
        g.setColor(border);
        g.setStroke(new BasicStroke(1.3f));
        g.draw(s);
    }

    private void cardText(Graphics2D g, Box b, String title, List<String> lines) {
        g.setColor(TEXT);
        g.setFont(font(Font.BOLD, 12.5f));
        text(g, title, b.x() + 10, b.y() + 18, b.w() - 20);
        g.setColor(MUTED);
        g.setFont(font(Font.PLAIN, 10.5f));
        double y = b.y() + 33;
        for (String l : lines) {
            if (l == null || l.isEmpty()) continue;
            if (y > b.y() + b.h() - 4) break;
            text(g, l, b.x() + 10, y, b.w() - 20);
            y += 14;
        }
    }

    // ---- links ----

    private void links(Graphics2D g) {
        for (Link l : TopologyGraph.of(doc).edgeSet()) {
            Box a = box(l.source()), b = box(l.target());
            if (a == null || b == null) continue;
            switch (l.kind()) {
                case VETH -> { g.setColor(VETH); g.setStroke(new BasicStroke(1.5f)); }
                case UNDERLAY -> { g.setColor(UNDERLAY); g.setStroke(new BasicStroke(4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND)); }
                case OVERLAY -> { g.setColor(VXLAN); g.setStroke(dashed(2f)); }
                case SELECTS -> { g.setColor(SERVICE_BORDER); g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_ROUND,
                        BasicStroke.JOIN_ROUND, 10, new float[] {2, 4}, 0)); }
                default -> { continue; }
            }
            boolean bBar = isBar(l.target());
            double[] e = bBar ? LinkEnds.ontoBar(a, b) : LinkEnds.between(a, b);
            g.draw(new Line2D.Double(e[0], e[1], e[2], e[3]));
        }
    }

    private boolean isBar(String id) {
        return doc.node(id).map(n -> n instanceof Bridge || n instanceof Underlay || n instanceof Overlay || n instanceof dev.hopscope.model.Network).orElse(false);
    }

    private static Stroke dashed(float w) {
        return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {7, 5}, 0);
    }

    // ---- text ----

    private Box box(String id) { return doc.layout().get(id); }

    private static String ports(List<Socket> sockets, List<PublishedPort> published) {
        List<String> out = new ArrayList<>();
        for (Socket s : sockets) {
            String p = s.port() + "/" + s.proto().label();
            for (PublishedPort pp : published)
                if (pp.containerPort() == s.port() && pp.proto() == s.proto()) p = pp.hostPort() + "\u2192" + p;
            out.add(s.loopbackOnly() ? "lo:" + p : p);
        }
        for (PublishedPort pp : published) {
            boolean listed = sockets.stream().anyMatch(s -> s.port() == pp.containerPort() && s.proto() == pp.proto());
            if (!listed) out.add(pp.hostPort() + "\u2192" + pp.containerPort() + "/" + pp.proto().label());
        }
        return String.join("  ", out);
    }

    static String join(String... parts) {
        return Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).collect(Collectors.joining(" \u00b7 "));
    }

    /** Draws text, cut with an ellipsis to fit {@code max} canvas units. */
    private static void text(Graphics2D g, String s, double x, double y, double max) {
        if (s == null || s.isEmpty()) return;
        s = Shell.printable(s);
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(s) > max) {
            while (s.length() > 1 && fm.stringWidth(s + "\u2026") > max) s = s.substring(0, s.length() - 1);
            s = s + "\u2026";
        }
        g.drawString(s, (float) x, (float) y);
    }

    private static void centred(Graphics2D g, String s, double cx, double y) {
        if (s == null || s.isEmpty()) return;
        s = Shell.printable(s);
        g.drawString(s, (float) (cx - g.getFontMetrics().stringWidth(s) / 2.0), (float) y);
    }

    private static Font font(int style, float size) { return new Font(FAMILY, style, 1).deriveFont(style, size); }

    private static String family() {
        try {
            for (String f : GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                if (f.equals("DejaVu Sans")) return f;
        } catch (RuntimeException | Error e) {
            // no font configuration at all: the logical font below still renders
        }
        return Font.SANS_SERIF;
    }
}
