package dev.hopscope.io.imports;

import java.util.regex.Pattern;

/**
 * An image reference as Docker reads it ({@code [registry[:port]/]path[:tag][@digest]}, the
 * grammar of the distribution project's {@code reference} package): lower-case path components
 * separated by {@code /}, a tag of at most 128 word characters, dots and dashes, a digest, and a
 * name of at most 255 characters. {@link #repository()} is the name as Docker Hub knows it, with
 * the default registry and the {@code library/} namespace of official images taken away.
 */
record ImageReference(String domain, String path, String tag, String digest) {

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern DOMAIN = Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?|\\[[0-9a-fA-F:.]+\\](?::[0-9]+)?");
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    static final int MAX_NAME = 255;

    /** Why a text is not a reference, in Docker's words first. */
    static final class Invalid extends Exception {
        Invalid(String why) { super(why, null, false, false); }
    }

    static ImageReference parse(String text) throws Invalid {
        if (text.isEmpty()) throw new Invalid("invalid reference format: the reference is empty");
        String rest = text, digest = null, tag = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) throw new Invalid("invalid reference format: '" + shorten(digest) + "' is not a digest (ALGORITHM:HEX)");
        }
        int slash = rest.lastIndexOf('/'), colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches())
                throw new Invalid("invalid reference format: the tag '" + shorten(tag) + "' may hold only letters, digits, '_', '.' and '-' (at most 128, not starting with '.' or '-')");
        }
        if (rest.length() > MAX_NAME) throw new Invalid("repository name must not be more than " + MAX_NAME + " characters (this one has " + rest.length() + ")");
        String domain = null, path = rest;
        int first = rest.indexOf('/');
        if (first >= 0) {
            String candidate = rest.substring(0, first);
            if (candidate.contains(".") || candidate.contains(":") || candidate.equals("localhost") || !candidate.equals(candidate.toLowerCase(java.util.Locale.ROOT))) {
                if (!DOMAIN.matcher(candidate).matches()) throw new Invalid("invalid reference format: '" + shorten(candidate) + "' is not a registry host");
                domain = candidate;
                path = rest.substring(first + 1);
            }
        }
        if (!PATH.matcher(path).matches()) {
            if (!path.equals(path.toLowerCase(java.util.Locale.ROOT))) throw new Invalid("invalid reference format: repository name must be lowercase");
            throw new Invalid("invalid reference format: '" + shorten(path) + "' is not a repository name (lower-case letters, digits and '.', '_', '-' between them, parts separated by '/')");
        }
        return new ImageReference(domain, path, tag, digest);
    }

    /** The repository on Docker Hub without {@code library/} ({@code redis}, {@code grafana/grafana}), or the full name elsewhere. */
    String repository() {
        boolean hub = domain == null || domain.equals("docker.io") || domain.equals("index.docker.io") || domain.equals("registry-1.docker.io");
        if (!hub) return domain + "/" + path;
        return path.startsWith("library/") ? path.substring("library/".length()) : path;
    }

    /** The tag, {@code latest} when none is written (and no digest pins the image). */
    String effectiveTag() { return tag != null ? tag : digest != null ? "" : "latest"; }

    private static String shorten(String s) { return s.length() > 40 ? s.substring(0, 40) + "..." : s; }
}
