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
            dev.hopscope.ui.Designer.launch(args);
        } else {
            System.exit(dev.hopscope.cli.Cli.run(args));
        }
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
