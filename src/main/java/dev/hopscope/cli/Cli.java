package dev.hopscope.cli;

/** The command line (placeholder until the commands land). */
public final class Cli {
    private Cli() {}

    public static int run(String[] args) {
        System.err.println("usage: hopscope validate|analyze|trace|import|export|generate FILE ...");
        return 2;
    }
}
