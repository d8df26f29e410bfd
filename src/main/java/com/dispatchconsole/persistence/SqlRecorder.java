package com.dispatchconsole.persistence;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.function.Consumer;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Passes every SQL string Hibernate prepares to a listener, and (through {@link #recording}) every one a unit of
 * work prepares in plain JDBC. Used by tests to prove that the rider lock clause really reaches the database, and
 * by the architecture notes to quote the emitted SQL.
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

    /** {@code connection}, telling {@code listener} the SQL of every statement prepared on it. */
    static Connection recording(Connection connection, Consumer<String> listener) {
        return (Connection) Proxy.newProxyInstance(SqlRecorder.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if ((method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
                            && args != null && args.length > 0 && args[0] instanceof String sql) {
                        listener.accept(sql);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
