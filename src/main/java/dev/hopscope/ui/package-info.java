/**
 * The JavaFX designer: the application and main window, the view model ({@code AppState}),
 * commands, menus and keyboard; the canvas, palette, inspector and file handling live in
 * sub-packages. The UI draws what the model and the engine say; it computes no network verdict.
 */
package dev.hopscope.ui;
