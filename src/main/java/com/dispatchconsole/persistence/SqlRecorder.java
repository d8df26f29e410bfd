package com.dispatchconsole.persistence;

import java.util.function.Consumer;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Passes every SQL string Hibernate prepares to a listener. Used by tests to prove that the rider lock clause
 * really reaches the database, and by the architecture notes to quote the emitted SQL.
 */
final class SqlRecorder implements StatementInspector {

    private final Consumer<String> listener;

    SqlRecorder(Consumer<String> listener) {
        this.listener = listener;
    }

    @Override
    public String inspect(String sql) {
        listener.accept(sql);
        return sql;
    }
}
