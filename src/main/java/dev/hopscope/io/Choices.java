package dev.hopscope.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The accepted spellings of one enum in files: its label (k8s-node, ClusterIP) in any case, or
 * its Java name. Built once, because labels are computed strings and loading meets them often.
 */
final class Choices<E extends Enum<E>> {
    private final Map<String, E> byText = new HashMap<>();
    private final List<String> labels = new ArrayList<>();

    private Choices(E[] values, Function<E, String> label) {
        for (E e : values) {
            String l = label.apply(e);
            labels.add(l);
            byText.put(l, e);
            byText.put(l.toLowerCase(Locale.ROOT), e);
            byText.put(e.name().toLowerCase(Locale.ROOT), e);
        }
    }

    static <E extends Enum<E>> Choices<E> of(E[] values, Function<E, String> label) {
        return new Choices<>(values, label);
    }

    /** The value, or null when the text is none of them. */
    E find(String text) {
        E e = byText.get(text);
        return e != null ? e : byText.get(text.toLowerCase(Locale.ROOT));
    }

    String allowed() { return String.join(", ", labels); }
}
