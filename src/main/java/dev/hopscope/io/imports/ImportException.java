package dev.hopscope.io.imports;

/**
 * An input that cannot be imported. The message reads {@code file:line:col: what is wrong}
 * (line and column 1-based), so an editor or a terminal can jump to the place.
 */
public final class ImportException extends RuntimeException {

    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public ImportException(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() { return file; }
    public int line() { return line; }
    public int column() { return column; }
    /** What is wrong, without the location. */
    public String problem() { return problem; }
}
