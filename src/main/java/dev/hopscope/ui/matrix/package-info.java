/** The reachability matrix view: who reaches whom among the document's endpoints, from the live analysis. */
package dev.hopscope.ui.matrix;
