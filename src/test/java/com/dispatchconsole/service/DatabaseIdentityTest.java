package com.dispatchconsole.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.rows.DatabaseIdentity;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** What a console compares after a reconnect, as an operator's own login reads it. */
@DatabaseTest
class DatabaseIdentityTest {

    @Test
    void aDispatcherLoginReadsTheClustersSystemIdentifierAndTheDatabasesOid() {
        DatabaseConfig owner = TestDatabases.fresh();
        try (Database ownerDb = Database.open(owner);
             Database dispatcherDb = Database.open(Logins.create(owner, "dispatch_dispatcher"))) {
            Sql sql = new Sql(ownerDb.dataSource());
            DatabaseIdentity seen = new DispatchServices(dispatcherDb).queries().identity();

            // pg_control_system() is executable by PUBLIC on PostgreSQL 18: no grant to pg_monitor is needed.
            assertThat(seen.systemIdentifier())
                    .isEqualTo(sql.value("SELECT system_identifier FROM pg_control_system()"));
            assertThat(seen.databaseOid()).isEqualTo(
                    ((Number) sql.value("SELECT oid FROM pg_database WHERE datname = current_database()")).longValue());
            assertThat(seen.databaseName()).isEqualTo(owner.url().substring(owner.url().lastIndexOf('/') + 1));
            assertThat(seen).isEqualTo(new DispatchServices(ownerDb).queries().identity());
        }
    }

    @Test
    void aServerThatRevokedTheControlFunctionStillAnswersWithOidAndName() throws Exception {
        DatabaseConfig owner = TestDatabases.fresh();
        try (Database ownerDb = Database.open(owner)) {
            // Function privileges live in each database's catalog: this changes the throwaway database only.
            new Sql(ownerDb.dataSource()).execute("REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC");
            try (Database dispatcherDb = Database.open(Logins.create(owner, "dispatch_dispatcher"))) {
                DatabaseIdentity seen = new DispatchServices(dispatcherDb).queries().identity();

                assertThat(seen.systemIdentifier()).isNull();
                assertThat(seen.databaseOid()).isEqualTo(new DispatchServices(ownerDb).queries().identity().databaseOid());
                assertThat(seen.describe()).contains("cluster unknown");
            }
        }
    }
}
