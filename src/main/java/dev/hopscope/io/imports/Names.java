package dev.hopscope.io.imports;

import java.util.regex.Pattern;

/**
 * The names that Docker and Kubernetes accept for what they create, checked where the importers
 * read them: a name they refuse is an error at its place, never an id that Hopscope's own reader
 * would then refuse.
 */
final class Names {

    private Names() {}

    /** Kubernetes' DNS-1123 subdomain (most objects' metadata.name): at most 253 characters. */
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** Kubernetes' DNS-1035 label (a Service's name): at most 63 characters. */
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    /** Docker's container names (a leading '/' as the API writes them). */
    private static final Pattern DOCKER_CONTAINER = Pattern.compile("/?[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    /** Why Kubernetes refuses {@code name} as the metadata.name of {@code kind}, in the API server's words; null when it accepts it. */
    static String kubernetesRefusal(String kind, String name) {
        if ("Service".equals(kind)) {
            if (name.length() > 63) return "metadata.name: Invalid value: \"" + shown(name) + "\": must be no more than 63 characters";
            if (!DNS1035_LABEL.matcher(name).matches())
                return "metadata.name: Invalid value: \"" + shown(name) + "\": a DNS-1035 label must consist of lower case alphanumeric"
                        + " characters or '-', start with an alphabetic character, and end with an alphanumeric character"
                        + " (e.g. 'my-name', or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
            return null;
        }
        if (name.length() > 253) return "metadata.name: Invalid value: \"" + shown(name) + "\": must be no more than 253 characters";
        if (!DNS1123_SUBDOMAIN.matcher(name).matches())
            return "metadata.name: Invalid value: \"" + shown(name) + "\": a lowercase RFC 1123 subdomain must consist of lower case"
                    + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
                    + " (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
        return null;
    }

    /** A container name as Docker accepts it ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}). */
    static boolean isDockerContainerName(String name) {
        return DOCKER_CONTAINER.matcher(name).matches();
    }

    /** A name Hopscope can keep as an id: one line of printable text (what the document reader accepts). */
    static boolean isPrintable(String name) {
        return name.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE);
    }

    /** A name for a message: control characters written as \\uXXXX, long names cut. */
    static String shown(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        if (name.codePointCount(0, name.length()) > 80) b.append("... (").append(name.length()).append(" characters)");
        return b.toString();
    }
}
