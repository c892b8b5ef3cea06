package dev.hopscope.net.analysis;

import java.util.List;

/** Endpoints the dataplane treats alike: every row of the matrix holds for each of its members. */
public record MatrixClass(String id, List<String> members) {
    public MatrixClass {
        members = List.copyOf(members);
    }
}
