package dev.hopscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import dev.hopscope.io.DocumentException;
import dev.hopscope.io.imports.ImportException;

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
        try {
            return cl.execute(args);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // picocli hands most failures to the handler below; this catches what escapes it
            return internalError(command(cl, args), e, err);
        }
    }

    /** Extra subcommands (import, export, generate) register themselves here. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Cli());
        for (Object extra : Extensions.commands()) cl.addSubcommand(extra);
        withHelp(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> BAD_INPUT);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("hopscope: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parse) -> {
            // IllegalArgumentException: the engine refuses a request in words meant for the user (an unknown node)
            if (ex instanceof UsageException || ex instanceof DocumentException || ex instanceof ImportException
                    || ex instanceof IllegalArgumentException) {
                c.getErr().println("hopscope: " + ex.getMessage());
                return BAD_INPUT;
            }
            return internalError(c.getCommandName(), ex, c.getErr());
        });
        return cl;
    }

    /**
     * {@code --help} and {@code --version} on every command, so that "hopscope trace --help" answers
     * before the required options are checked (picocli only does this for commands that ask).
     */
    private static void withHelp(CommandLine cl) {
        cl.getCommandSpec().mixinStandardHelpOptions(true);
        for (CommandLine sub : cl.getSubcommands().values()) withHelp(sub);
    }

    private static String command(CommandLine cl, String[] args) {
        for (String a : args) if (cl.getSubcommands().containsKey(a)) return a;
        return "hopscope";
    }

    /**
     * A failure no input should cause: a bug. The user gets a sentence, not a Java stack trace;
     * HOPSCOPE_DEBUG=1 prints the trace for whoever fixes it.
     */
    static int internalError(String command, Throwable e, PrintWriter err) {
        String what = e instanceof StackOverflowError ? "the input nests or loops too deeply to follow"
                : e instanceof OutOfMemoryError ? "Java ran out of memory (give it more, e.g. java -Xmx4g -jar hopscope.jar ...)"
                : "an internal error stopped it";
        err.println("hopscope: " + command + " could not finish: " + what + ". This is a bug in Hopscope, not in your input;"
                + " please report it with the input file.");
        if (System.getenv("HOPSCOPE_DEBUG") != null) e.printStackTrace(err);
        else err.println("(set HOPSCOPE_DEBUG=1 to print the details)");
        err.flush();
        return BAD_INPUT;
    }
}
