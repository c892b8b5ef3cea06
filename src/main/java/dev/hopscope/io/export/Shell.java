package dev.hopscope.io.export;

/** Quoting for bash: every name and value from a document goes through here before it lands in a script. */
public final class Shell {
    private Shell() {}

    /**
     * One shell word that stands for exactly {@code s}: single quotes, each ' written as '\''.
     * Inside single quotes bash expands nothing, so {@code $(reboot)} stays text.
     */
    public static String quote(String s) {
        if (s.indexOf('\0') >= 0) throw new IllegalArgumentException("a NUL character cannot be passed to a shell: " + printable(s));
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Text safe for a comment line: control characters (a newline would end the comment) become '?'. */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085' ? '?' : c);
        }
        return sb.toString();
    }
}
