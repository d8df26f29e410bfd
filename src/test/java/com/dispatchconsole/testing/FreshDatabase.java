package com.dispatchconsole.testing;

import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, migrated database for one test class, with the services, fixtures and plain SQL over it: opened before
 * the class's first test, closed after its last. Register it as
 * {@code @RegisterExtension static final FreshDatabase fresh = new FreshDatabase();}.
 */
public final class FreshDatabase implements BeforeAllCallback, AfterAllCallback {

    private Database db;
    private DispatchServices services;
    private Fixtures given;
    private Sql sql;

    @Override
    public void beforeAll(ExtensionContext context) {
        db = Database.open(TestDatabases.fresh());
        services = new DispatchServices(db);
        given = new Fixtures(services);
        sql = new Sql(db.dataSource());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (db != null) {
            db.close();
        }
    }

    public Database db() {
        return opened(db);
    }

    public DispatchServices services() {
        return opened(services);
    }

    public Fixtures given() {
        return opened(given);
    }

    public Sql sql() {
        return opened(sql);
    }

    private static <T> T opened(T value) {
        if (value == null) {
            throw new IllegalStateException("FreshDatabase is used before its test class started");
        }
        return value;
    }
}
