/**
 * Coverage-guided fuzz targets (Jazzer {@code @FuzzTest}) for everything that reads a user's
 * file: the document reader and the three importers. In a normal test run each target replays
 * its seed corpus (the samples, the import fixtures and the reproducers of issue 14, gathered
 * under {@code target/test-classes/dev/hopscope/fuzz/}); with {@code JAZZER_FUZZ=1} it fuzzes.
 * See the README's "Fuzzing" section.
 */
package dev.hopscope.fuzz;
