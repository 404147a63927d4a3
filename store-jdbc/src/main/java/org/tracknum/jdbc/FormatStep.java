package org.tracknum.jdbc;

import java.util.List;

/**
 * The statements that bring a numbers table from format version {@code toVersion - 1} to
 * {@code toVersion}, in one dialect's SQL. The store runs them at start when it may write the schema
 * ({@code create-table=true}) and shows them in its refusal otherwise.
 *
 * <p>Each statement must also succeed on a table that already has its change ({@code IF NOT EXISTS},
 * or a form that tolerates a repeat): two stores may migrate the same table at once, and a table
 * created at the current version before its version row was written reads as version 1.
 */
record FormatStep(int toVersion, List<String> statements) {
    FormatStep {
        if (toVersion < 2) {
            throw new IllegalArgumentException("a step leads to version 2 or later, not " + toVersion);
        }
        statements = List.copyOf(statements);
    }
}
