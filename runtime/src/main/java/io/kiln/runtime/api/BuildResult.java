package io.kiln.runtime.api;

import java.util.List;

/**
 * How one build of a plugin's sources ended: compiled (or not), packaged, and applied through the same transaction
 * as a jar.
 *
 * @param plugin        the plugin's name (its bundle symbolic name)
 * @param change        the change it made: {@link Outcome#REJECTED} when it did not compile, with the errors in
 *                      {@code problems}; otherwise the transaction's own result
 * @param problems      the compiler's errors, empty when the sources compiled
 * @param sources       how many source files were compiled
 * @param compileMillis the time the compiler took
 * @param packageMillis the time bnd took to make the bundle (0 when it did not compile)
 * @param reloadMillis  the time the transaction took (0 when it did not compile)
 */
public record BuildResult(String plugin, ChangeResult change, List<CompileProblem> problems, int sources, long compileMillis,
        long packageMillis, long reloadMillis) {

    public BuildResult {
        problems = List.copyOf(problems);
    }

    /** @return whether the new build now runs (or was the one that ran already) */
    public boolean succeeded() {
        return change.succeeded();
    }
}
