package com.dispatchconsole.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.InvariantChecker;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The bulk seed of the LARGE demo writes with the triggers off (it must create batches in every status): what it
 * writes must still keep every invariant, and the guards must be back on for everyone afterwards.
 */
@DatabaseTest
class LargeDataSetTest {

    @Test
    void theBulkSeedKeepsEveryInvariantAndLeavesTheGuardsOn() throws Exception {
        try (Database db = Database.open(TestDatabases.fresh())) {
            LargeDataSet.seed(db.dataSource(), 60, 600);
            Sql sql = new Sql(db.dataSource());

            assertThat(sql.count("SELECT count(*) FROM delivery_batches")).isEqualTo(600);
            List<?> outlets = List.of(((String) sql.value("SELECT string_agg(id::text, ',') FROM outlets")).split(","));
            for (Object outlet : outlets) {
                assertThat(InvariantChecker.check(db.dataSource(), UUID.fromString((String) outlet))).isEmpty();
            }
            assertThat(sql.count("SELECT count(*) FROM delivery_batches b WHERE order_count <> (SELECT count(*) "
                    + "FROM delivery_batch_orders WHERE batch_id = b.id)")).isZero();
            assertThatThrownBy(() -> sql.execute("UPDATE delivery_batches SET status = 'CREATED' "
                    + "WHERE status = 'COMPLETED'")).hasMessageContaining("ILLEGAL_TRANSITION");
        }
    }
}
