package dev.hopscope.cli;

import java.util.List;

/** Subcommands beyond validate, analyze and trace; one line each, so that adding one never touches Cli. */
final class Extensions {
    private Extensions() {}

    static List<Object> commands() {
        return List.of(new ImportCommand(), new ExportCommand(), new GenerateCommand(), new DiffCommand());
    }
}
