package io.kiln.table;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: columns as wide as their widest cell, two spaces apart, no trailing spaces. */
public final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private boolean firstLines;

    public Table(String... header) {
        rows.add(header.clone());
    }

    /** Cells from now on show only their first line (a stack trace or a long reason stays on one row). */
    public Table firstLinesOnly() {
        firstLines = true;
        return this;
    }

    /** Adds a row; {@code null} cells are empty. */
    public Table row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i] == null ? "" : String.valueOf(cells[i]);
            text[i] = firstLines ? cell.lines().findFirst().orElse("") : cell;
        }
        rows.add(text);
        return this;
    }

    /** @return the table without its final line break */
    public String text() {
        return toString().stripTrailing();
    }

    /** @return the table, each row ending with a line break */
    @Override
    public String toString() {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
