package com.dispatchconsole.persistence;

import com.dispatchconsole.testing.DatabaseTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The database keeps its own copy of the active-status rule (its migrations cannot be rebuilt from Java): the
 * guards ask {@code dispatch_is_active}, the load check sums {@code rider_load}. Both must agree with
 * {@link BatchStatus#ACTIVE}, or the console and the database would count a rider's load differently.
 */
@DatabaseTest
class ActiveStatusesInDatabaseTest {

    @Test
    void theDatabaseCountsTheSameStatusesAsActiveAsTheConsole() {
        try (Database db = Database.open(TestDatabases.fresh())) {
            Sql sql = new Sql(db.dataSource());
            Map<BatchStatus, Boolean> database = Arrays.stream(BatchStatus.values()).collect(Collectors.toMap(
                    Function.identity(), s -> (Boolean) sql.value("SELECT dispatch_is_active(?)", s.name())));
            Map<BatchStatus, Boolean> java = Arrays.stream(BatchStatus.values()).collect(Collectors.toMap(
                    Function.identity(), BatchStatus.ACTIVE::contains));

            assertThat(database).isEqualTo(java);
            assertThat((String) sql.value("SELECT pg_get_functiondef('rider_load(uuid, uuid)'::regprocedure)"))
                    .as("the load the database checks sums the same batches as the console shows")
                    .contains("status IN " + Statuses.ACTIVE);
        }
    }
}
