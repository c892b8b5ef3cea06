/**
 * Files around the designer: opening and saving documents through the io codec, recent files,
 * the window's remembered settings, and autosave to a recovery file with restore after a crash.
 * Dialogs go through {@link dev.hopscope.ui.files.Prompts}, so tests can answer them.
 */
package dev.hopscope.ui.files;
