/**
 * Files: the Hopscope document format (strict JSON read with exact error positions, deterministic
 * output, atomic saves) and the synthetic topology generator used by benchmarks and the CLI.
 */
package dev.hopscope.io;
