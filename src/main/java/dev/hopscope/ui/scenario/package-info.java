/**
 * Scenarios: the saved flows of a design (kept in the document, each with its expected
 * outcome), listed beside the simulation panel's event list, checked against the engine after
 * every edit, and replayed, saved, renamed and deleted from the list. A sample's lesson is listed
 * as a scenario too.
 */
package dev.hopscope.ui.scenario;
