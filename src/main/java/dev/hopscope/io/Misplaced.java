package dev.hopscope.io;

/**
 * A problem found while mapping the parsed tree, tied to the token where it lies. Positions are
 * worked out only when an error happens (by parsing again up to that token), so a valid file
 * pays nothing for them. {@link DocumentCodec} turns this into a {@link DocumentException}.
 */
final class Misplaced extends RuntimeException {
    final int token;
    final String problem;

    Misplaced(int token, String problem) {
        super(problem, null, false, false);
        this.token = token;
        this.problem = problem;
    }
}
