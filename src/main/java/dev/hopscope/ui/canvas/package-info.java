/**
 * The canvas: one view class per node kind ({@code HostView}, {@code BridgeView},
 * {@code CardView}, {@code BandView}, {@code ServiceView}, {@code ExternalView}), link views,
 * the viewport (pan and zoom), and one class per mouse gesture (select and move, connect,
 * navigate). Views are styled by CSS classes named after the kind.
 */
package dev.hopscope.ui.canvas;
