package dev.hopscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The command line: the same jar as the designer, for scripts, CI and tests. Exit codes: 0 success,
 * 1 the analysis found a violated intent or an error finding, 2 bad input or usage (with a message
 * naming the file, line and column where known).
 */
@Command(name = "hopscope", mixinStandardHelpOptions = true, version = "hopscope 0.1",
        description = "Container networks, traced hop by hop. With no command, opens the designer.",
        subcommands = {ValidateCommand.class, AnalyzeCommand.class, TraceCommand.class})
public final class Cli implements Runnable {

    public static final int OK = 0;
    public static final int FAILING = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        return cl.execute(args);
    }

    /** Extra subcommands (import, export, generate) register themselves here. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Cli());
        for (Object extra : Extensions.commands()) cl.addSubcommand(extra);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> BAD_INPUT);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("hopscope: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'hopscope " + ex.getCommandLine().getCommandName() + " --help'.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parse) -> {
            c.getErr().println("hopscope: " + (ex instanceof UsageException || ex instanceof IllegalArgumentException ? ex.getMessage() : ex.toString()));
            return BAD_INPUT;
        });
        return cl;
    }
}
