package com.dispatchconsole.persistence;

import java.sql.Connection;

/** Transaction isolation the pool hands out. Only READ_COMMITTED is safe for the capacity check. */
public enum IsolationLevel {
    READ_COMMITTED("read committed", Connection.TRANSACTION_READ_COMMITTED),
    REPEATABLE_READ("repeatable read", Connection.TRANSACTION_REPEATABLE_READ);

    private final String postgresName;
    private final int jdbcLevel;

    IsolationLevel(String postgresName, int jdbcLevel) {
        this.postgresName = postgresName;
        this.jdbcLevel = jdbcLevel;
    }

    public String postgresName() {
        return postgresName;
    }

    public int jdbcLevel() {
        return jdbcLevel;
    }

    public String hikariName() {
        return "TRANSACTION_" + name();
    }
}
