/**
 * Edits of the document as values: an {@link dev.hopscope.model.edit.Edit} holds a description
 * and the document before and after, {@link dev.hopscope.model.edit.History} keeps the undo and
 * redo stacks, and the static helpers ({@link dev.hopscope.model.edit.Edits},
 * {@link dev.hopscope.model.edit.Connections}, {@link dev.hopscope.model.edit.Creation},
 * {@link dev.hopscope.model.edit.Fragment}) compute the next document for each gesture of the
 * designer. Plain Java: the UI turns the history into properties.
 */
package dev.hopscope.model.edit;
