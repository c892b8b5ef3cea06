import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Build step (pom.xml, process-classes; run as a source file: java packaging/TrimTheme.java):
 * writes AtlantaFX's theme stylesheets without the rules that can match nothing in Hopscope,
 * because JavaFX's start-up pays for every rule (issue 12, start-up): it reads each one, and its
 * CSS pass checks every node against each distinct style-class set the stylesheet names.
 *
 * <p>A rule is dropped only when each of its selectors needs a style class that no node of
 * Hopscope carries: one of AtlantaFX's own controls (its Java classes are built for Java 21 and
 * cannot even load on our Java 17, so none exists here) or of the JavaFX controls Hopscope never
 * makes (charts, date and colour pickers, spinners, tree views...). The step fails the build if
 * the sources start to use one of them (the class name in src/main/java, or the style class as a
 * string there or as a selector in our own stylesheets): then take it off {@link #UNUSED}.
 * Everything else is AtlantaFX's own text, read from its jar at every build, so an AtlantaFX
 * upgrade flows through as it is; a control that a new AtlantaFX adds stays in until listed.
 *
 * <p>Arguments: the Java sources, our stylesheets' folder, then pairs of AtlantaFX stylesheet in
 * and trimmed stylesheet out.
 */
public final class TrimTheme {
    /** Style classes no Hopscope node carries, each with the control that would give it (for the check). */
    static final Map<String, List<String>> UNUSED = Map.ofEntries(
            // AtlantaFX's own controls and style variants (its controls are caught by their package)
            Map.entry("toggle-switch", List.of()),
            Map.entry("card", List.of()),
            Map.entry("tile", List.of()),
            Map.entry("tile-base", List.of()),
            Map.entry("message", List.of()),
            Map.entry("notification", List.of()),
            Map.entry("popover", List.of()),
            Map.entry("breadcrumbs", List.of()),
            Map.entry("ring-progress-indicator", List.of()),
            Map.entry("custom-text-field", List.of()),
            Map.entry("modal-pane", List.of()),
            Map.entry("modal-box", List.of()),
            Map.entry("bb-code", List.of()),
            Map.entry("calendar", List.of()),
            Map.entry("tab-line", List.of()),
            Map.entry("segmented-control", List.of()),
            Map.entry("caption-menu-item", List.of()),
            Map.entry("input-group", List.of()),
            Map.entry("deck-pane", List.of()),
            // JavaFX controls Hopscope never makes
            Map.entry("chart", List.of("Chart", "XYChart", "LineChart", "BarChart", "PieChart", "AreaChart", "ScatterChart", "BubbleChart", "StackedAreaChart", "StackedBarChart")),
            Map.entry("html-editor", List.of("HTMLEditor")),
            Map.entry("date-picker", List.of("DatePicker")),
            Map.entry("date-picker-popup", List.of("DatePicker")),
            Map.entry("color-picker", List.of("ColorPicker")),
            Map.entry("custom-color-dialog", List.of("ColorPicker")),
            Map.entry("color-palette", List.of("ColorPicker")),
            Map.entry("color-palette-region", List.of("ColorPicker")),
            Map.entry("pagination", List.of("Pagination")),
            Map.entry("spinner", List.of("Spinner")),
            Map.entry("tree-table-view", List.of("TreeTableView")),
            Map.entry("tree-table-row-cell", List.of("TreeTableView")),
            Map.entry("tree-view", List.of("TreeView")),
            Map.entry("tree-cell", List.of("TreeView")),
            Map.entry("split-menu-button", List.of("SplitMenuButton")),
            Map.entry("accordion", List.of("Accordion")),
            Map.entry("default-color0", List.of("Chart", "XYChart", "LineChart", "BarChart", "PieChart", "AreaChart", "ScatterChart", "BubbleChart", "StackedAreaChart", "StackedBarChart")),
            Map.entry("default-color1", List.of("Chart", "XYChart", "LineChart", "BarChart", "PieChart", "AreaChart", "ScatterChart", "BubbleChart", "StackedAreaChart", "StackedBarChart")),
            Map.entry("default-color2", List.of("Chart", "XYChart", "LineChart", "BarChart", "PieChart", "AreaChart", "ScatterChart", "BubbleChart", "StackedAreaChart", "StackedBarChart")),
            Map.entry("default-color3", List.of("Chart", "XYChart", "LineChart", "BarChart", "PieChart", "AreaChart", "ScatterChart", "BubbleChart", "StackedAreaChart", "StackedBarChart")),
            Map.entry("default-color4", List.of("Chart", "XYChart", "LineChart", "BarChart", "PieChart", "AreaChart", "ScatterChart", "BubbleChart", "StackedAreaChart", "StackedBarChart")),
            Map.entry("default-color5", List.of("Chart", "XYChart", "LineChart", "BarChart", "PieChart", "AreaChart", "ScatterChart", "BubbleChart", "StackedAreaChart", "StackedBarChart")),
            Map.entry("default-color6", List.of("Chart", "XYChart", "LineChart", "BarChart", "PieChart", "AreaChart", "ScatterChart", "BubbleChart", "StackedAreaChart", "StackedBarChart")),
            Map.entry("default-color7", List.of("Chart", "XYChart", "LineChart", "BarChart", "PieChart", "AreaChart", "ScatterChart", "BubbleChart", "StackedAreaChart", "StackedBarChart")));

    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern PSEUDO = Pattern.compile(":[\\w-]+(\\([^)]*\\))?");
    private static final Pattern STYLE_CLASS = Pattern.compile("\\.([\\w-]+)");

    public static void main(String[] args) throws IOException {
        if (args.length < 4 || args.length % 2 != 0) {
            System.err.println("usage: java TrimTheme.java JAVA_SOURCES OUR_CSS_DIR IN.css OUT.css [IN.css OUT.css ...]");
            System.exit(2);
        }
        List<String> used = usedAnyway(Path.of(args[0]), Path.of(args[1]));
        if (!used.isEmpty()) {
            System.err.println("TrimTheme: Hopscope now uses what the trimmed theme leaves out: " + String.join("; ", used)
                    + ". Take it off TrimTheme.UNUSED (packaging/TrimTheme.java), or its controls would lose AtlantaFX's look.");
            System.exit(1);
        }
        for (int i = 2; i < args.length; i += 2) {
            Path in = Path.of(args[i]), out = Path.of(args[i + 1]);
            int[] counts = new int[2];
            String trimmed = trim(Files.readString(in), counts);
            Files.createDirectories(out.getParent());
            Files.writeString(out, trimmed);
            System.out.println("TrimTheme: " + in.getFileName() + ": " + counts[0] + " of " + (counts[0] + counts[1])
                    + " rules kept (" + counts[1] + " only for controls Hopscope never makes) -> " + out);
        }
    }

    /**
     * The stylesheet without the selectors that need an unused style class, and without the rules
     * left with none. {@code counts} receives the rules kept and dropped.
     */
    static String trim(String css, int[] counts) {
        String text = COMMENT.matcher(css).replaceAll("");
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        while (true) {
            int open = text.indexOf('{', at);
            if (open < 0) {
                if (!text.substring(at).isBlank()) throw new IllegalStateException("text after the last rule: " + text.substring(at).strip());
                break;
            }
            int close = text.indexOf('}', open);
            String selectors = text.substring(at, open).strip();
            if (close < 0 || text.indexOf('{', open + 1) >= 0 && text.indexOf('{', open + 1) < close || selectors.startsWith("@"))
                throw new IllegalStateException("not a plain rule (nested block or @-rule) at: " + selectors);
            List<String> kept = new ArrayList<>();
            for (String s : selectors.split(",")) if (!needsUnused(s)) kept.add(s.strip());
            if (kept.isEmpty()) counts[1]++;
            else {
                counts[0]++;
                out.append(String.join(",\n", kept)).append(" {").append(text, open + 1, close).append("}\n");
            }
            at = close + 1;
        }
        return out.toString();
    }

    /** Whether the selector needs a style class from {@link #UNUSED} anywhere in it. */
    static boolean needsUnused(String selector) {
        Matcher m = STYLE_CLASS.matcher(PSEUDO.matcher(selector).replaceAll(""));
        while (m.find()) if (UNUSED.containsKey(m.group(1))) return true;
        return false;
    }

    /** What of {@link #UNUSED} the sources do use: a control's class name, the style class as a string or a selector. */
    static List<String> usedAnyway(Path javaSources, Path ourCss) throws IOException {
        String java = readAll(javaSources, ".java");
        String css = COMMENT.matcher(readAll(ourCss, ".css")).replaceAll("");
        Set<String> found = new LinkedHashSet<>();
        // the lines that handle style classes (a class given through a variable is not seen here;
        // our own stylesheets, checked below, style nearly every class we give)
        String styling = java.lines().filter(l -> l.contains("tyleClass") || l.contains("Styles.")).collect(Collectors.joining("\n"));
        for (Map.Entry<String, List<String>> e : UNUSED.entrySet()) {
            String cls = e.getKey();
            if (styling.contains("\"" + cls + "\"")) found.add("the style class \"" + cls + "\" in the Java sources");
            if (Pattern.compile("\\." + Pattern.quote(cls) + "(?![\\w-])").matcher(css).find()) found.add("the selector ." + cls + " in our stylesheets");
            for (String control : e.getValue())
                if (Pattern.compile("\\b" + Pattern.quote(control) + "\\b").matcher(java).find()) found.add("the control " + control + " (for ." + cls + ")");
        }
        if (java.contains("atlantafx.base.controls")) found.add("AtlantaFX's controls (atlantafx.base.controls)");
        return new ArrayList<>(found);
    }

    private static String readAll(Path root, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
    }
}
