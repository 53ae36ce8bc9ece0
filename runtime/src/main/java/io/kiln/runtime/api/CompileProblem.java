package io.kiln.runtime.api;

/**
 * One error the Java compiler found in a plugin's sources.
 *
 * @param file    the source file, relative to the project or source folder ({@code src/main/java/com/acme/Greeter.java}),
 *                or empty for an error that belongs to no file (a missing class path entry, say)
 * @param line    the line, from 1; 0 when the error belongs to no line
 * @param column  the column, from 1; 0 when the error belongs to no column
 * @param message what the compiler says, on one line
 */
public record CompileProblem(String file, long line, long column, String message) {

    /** @return {@code file:line:column: message}, as compilers and editors print it */
    @Override
    public String toString() {
        if (file.isEmpty()) {
            return message;
        }
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
    }
}
