package com.dispatchconsole.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A start skips Flyway only when the database has exactly this build's migrations (SchemaVersions); a database
 * that misses one, or has a failed one, must still go through Flyway and end up migrated.
 */
@DatabaseTest
class SchemaVersionsTest {

    @Test
    void theBundledVersionsAreTheMigrationFilesOfThisBuild() throws Exception {
        Set<Integer> files = new TreeSet<>();
        try (Stream<Path> sql = Files.list(Path.of("src/main/resources/db/migration"))) {
            sql.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .forEach(n -> files.add(Integer.valueOf(n.substring(1, n.indexOf("__")))));
        }
        assertThat(SchemaVersions.bundled()).isNotEmpty().isEqualTo(files);
    }

    @Test
    void aDatabaseMissingTheNewestMigrationIsMigratedStill() throws Exception {
        DatabaseConfig config = TestDatabases.fresh();
        try (Database.Migrated first = Database.migrate(config, Database.MigrationProgress.NONE)) {
            Sql sql = new Sql(first.dataSource());
            assertThat(SchemaVersions.upToDate(first.dataSource())).isTrue();
            int newest = SchemaVersions.bundled().stream().mapToInt(Integer::intValue).max().orElseThrow();
            // As if this database were last opened by the build before the newest migration.
            sql.execute("DELETE FROM flyway_schema_history WHERE version = '" + newest + "'");
            sql.execute("DROP TRIGGER delivery_batches_undo_guard ON delivery_batches");
            sql.execute("DROP FUNCTION guard_undo_reason()");
            assertThat(SchemaVersions.upToDate(first.dataSource())).isFalse();
        }
        try (Database.Migrated again = Database.migrate(config, Database.MigrationProgress.NONE)) {
            Sql sql = new Sql(again.dataSource());
            assertThat(sql.count("SELECT count(*) FROM pg_trigger WHERE tgname = 'delivery_batches_undo_guard'"))
                    .as("Flyway ran the missing migration").isEqualTo(1);
            assertThat(SchemaVersions.upToDate(again.dataSource())).isTrue();
            // A failed migration on record is Flyway's to judge, never skipped.
            sql.execute("UPDATE flyway_schema_history SET success = false WHERE version = '1'");
            assertThat(SchemaVersions.upToDate(again.dataSource())).isFalse();
        }
    }
}
