package dev.hopscope;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One entry point for the designer and the command line. With no arguments the designer opens,
 * and with one argument naming a document file it opens that document (a file manager runs
 * {@code hopscope FILE} when a .hopscope file is double-clicked); otherwise the arguments are a
 * command. This class must not extend javafx Application, or a fat jar started with java -jar
 * fails with "JavaFX runtime components are missing".
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (opensDesigner(args)) {
            String noWindow = noDisplay(System.getenv(), System.getProperty("os.name", ""), System.getProperty("glass.platform"));
            if (noWindow != null) {
                System.err.println("hopscope: " + noWindow);
                System.exit(2);
            }
            try {
                dev.hopscope.ui.Designer.launch(args);
            } catch (UnsupportedOperationException e) {
                // the toolkit's own refusal (a DISPLAY that names no reachable X server): a sentence, not a stack trace
                System.err.println("hopscope: the designer cannot open a window (" + e.getMessage() + "). " + COMMANDS);
                System.exit(2);
            }
        } else {
            System.exit(dev.hopscope.cli.Cli.run(args));
        }
    }

    private static final String COMMANDS = "The commands work without one: hopscope --help";

    /**
     * Why the designer cannot open a window here, or null: on Linux and the other Unix systems a
     * window needs an X or Wayland display, and without one JavaFX fails with a stack trace (a
     * server, a container, an ssh session). Monocle, the headless platform tests use, needs none.
     */
    static String noDisplay(java.util.Map<String, String> env, String osName, String glassPlatform) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) return null;
        if ("monocle".equalsIgnoreCase(glassPlatform)) return null;
        if (!env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank()) return null;
        return "no display to open the designer on (neither DISPLAY nor WAYLAND_DISPLAY is set): run it in a desktop session, or with ssh -X. " + COMMANDS;
    }

    /** No arguments, or exactly one that is an existing .hopscope or .json file. */
    static boolean opensDesigner(String[] args) {
        if (args.length == 0) {
            return true;
        }
        if (args.length != 1) {
            return false;
        }
        String name = args[0].toLowerCase(Locale.ROOT);
        if (!name.endsWith(".hopscope") && !name.endsWith(".json")) {
            return false;
        }
        try {
            return Files.isRegularFile(Path.of(args[0]));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
