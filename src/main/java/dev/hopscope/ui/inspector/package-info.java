/**
 * The inspector: a form per node kind with validation as you type. A field whose text does not
 * parse is marked {@code :invalid} with the reason and is not applied; a valid change is one
 * undoable edit, and keystrokes in one field merge into a single step.
 */
package dev.hopscope.ui.inspector;
