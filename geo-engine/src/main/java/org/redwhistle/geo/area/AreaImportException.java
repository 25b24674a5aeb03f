package org.redwhistle.geo.area;

import java.util.List;

/** An import refused as a whole; nothing of it was stored. */
public class AreaImportException extends RuntimeException {

    private final List<ImportProblem> problems;

    public AreaImportException(List<ImportProblem> problems) {
        super(problems.size() + " problem(s), first: " + problems.get(0), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}
