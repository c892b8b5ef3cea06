package dev.hopscope;

/**
 * One entry point for the designer and the command line. With no arguments the designer opens;
 * otherwise the arguments are a command. This class must not extend javafx Application, or a
 * fat jar started with java -jar fails with "JavaFX runtime components are missing".
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            dev.hopscope.ui.Designer.launch(args);
        } else {
            System.exit(dev.hopscope.cli.Cli.run(args));
        }
    }
}
