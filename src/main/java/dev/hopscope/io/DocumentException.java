package dev.hopscope.io;

/**
 * A document that cannot be read or saved. The message has the form {@code file:line:col: what},
 * so an editor or terminal can jump to the spot; line and column are 0 when no position applies
 * (a failed save).
 */
public final class DocumentException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public DocumentException(String file, int line, int column, String problem) {
        this(file, line, column, problem, null);
    }

    public DocumentException(String file, int line, int column, String problem, Throwable cause) {
        super(format(file, line, column, problem), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String file, int line, int column, String problem) {
        return line > 0 ? file + ":" + line + ":" + column + ": " + problem : file + ": " + problem;
    }

    public String file() { return file; }

    public int line() { return line; }

    public int column() { return column; }

    /** The message without the position: what is wrong and how to fix it. */
    public String problem() { return problem; }
}
