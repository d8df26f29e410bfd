package com.dispatchconsole.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.app.ConnectionFailures;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.persistence.SqlStates;
import com.dispatchconsole.testing.UnitTest;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/**
 * What a caller is told when PostgreSQL refuses or goes away, built from exceptions made by hand as the driver,
 * the pool and Hibernate would throw them: the SQLSTATE decides the code, the sentence never quotes the statement.
 */
@UnitTest
class DatabaseErrorsTest {

    private static final DatabaseConfig CONFIG = DatabaseConfig.of(
            "jdbc:postgresql://db.example:5432/dispatch?password=hunter2", "olga", "hunter2")
            .withLockTimeout(Duration.ofMillis(300), Duration.ofSeconds(3));

    /** As {@link UnitOfWork} does with whatever a transaction threw. */
    private static DispatchException typed(RuntimeException error) {
        return DatabaseErrors.translate(error, DatabaseErrors.classify(error), CONFIG);
    }

    /** Hibernate wraps the driver's exception; the code must be found down the chain. */
    private static RuntimeException wrapped(SQLException cause) {
        return new RuntimeException("could not execute statement [update delivery_batches set …]", cause);
    }

    private static PSQLException fromServer(String state, String message) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + state + "\0M" + message + "\0"));
    }

    @ParameterizedTest(name = "SQLSTATE {0} -> {1}")
    @CsvSource({
            "55P03, RIDER_BUSY",
            "57014, DATABASE_TIMEOUT",
            "40P01, CONCURRENT_UPDATE",
            "40001, CONCURRENT_UPDATE",
            "57P01, DATABASE_UNAVAILABLE",
            "57P02, DATABASE_UNAVAILABLE",
            "57P03, DATABASE_UNAVAILABLE",
            "53300, DATABASE_UNAVAILABLE",
            "08006, DATABASE_UNAVAILABLE",
            "08001, DATABASE_UNAVAILABLE",
            "42501, PERMISSION_DENIED",
            "23505, INVALID_ARGUMENT",
            "23514, INVALID_ARGUMENT",
            "22003, INVALID_ARGUMENT",
            "22P02, INVALID_ARGUMENT",
            "42P01, DATABASE_UNAVAILABLE"})
    void eachSqlStateBecomesItsCode(String state, ErrorCode expected) {
        assertThat(typed(wrapped(new SQLException("refused", state))).code()).isEqualTo(expected);
    }

    /** The services and the command line read "unreachable" from the one list in {@code SqlStates}. */
    @ParameterizedTest(name = "SQLSTATE {0}: unreachable {1}")
    @CsvSource({
            "08006, true", "08001, true", "08P01, true", "57P01, true", "57P02, true", "57P03, true", "53300, true",
            "55P03, false", "57014, false", "40001, false", "42501, false", "23505, false", "DC000, false",
            "XX000, false"})
    void theConsoleAndTheCommandLineAgreeOnWhatIsUnreachable(String state, boolean unreachable) {
        RuntimeException error = wrapped(new SQLException("gone", state));

        assertThat(SqlStates.isConnectionFailure(state)).isEqualTo(unreachable);
        assertThat(DatabaseErrors.classify(error) == DatabaseErrors.Kind.UNAVAILABLE).as("the services")
                .isEqualTo(unreachable);
        assertThat(ConnectionFailures.reason(error).isPresent()).as("the command line").isEqualTo(unreachable);
    }

    @Test
    void aLockTimeoutNamesTheConfiguredWaitAndChangesNothing() {
        DispatchException busy = typed(wrapped(fromServer("55P03", "canceling statement due to lock timeout")));

        assertThat(busy.code()).isEqualTo(ErrorCode.RIDER_BUSY);
        assertThat(busy.sentence()).isEqualTo("Another console is changing this rider or batch right now (no lock "
                + "within 300 ms); nothing was changed. Try again.");
        assertThat(typed(wrapped(new SQLException("x", "57014"))).sentence())
                .isEqualTo("The database did not answer within 3 s; nothing was changed.");
    }

    @Test
    void aGuardRefusalCarriesTheGuardsOwnCodeAndSentence() {
        DispatchException refused = typed(wrapped(fromServer("DC000",
                "CAPACITY_EXCEEDED: Ana would carry 11 orders; the limit is 10")));

        assertThat(refused.code()).isEqualTo(ErrorCode.CAPACITY_EXCEEDED);
        assertThat(refused.sentence()).isEqualTo("Ana would carry 11 orders; the limit is 10. "
                + "The database refused it; nothing was changed.");
        assertThat(typed(wrapped(fromServer("DC000", "ILLEGAL_TRANSITION: Batch 1a2b3c4d cannot move from "
                + "COMPLETED to CREATED."))).sentence()).as("no second full stop")
                .isEqualTo("Batch 1a2b3c4d cannot move from COMPLETED to CREATED. The database refused it; "
                        + "nothing was changed.");
    }

    @Test
    void aGuardMessageWithoutOneOfOurCodesIsUnexpectedButStillSaysWhy() {
        DispatchException unknownCode = typed(wrapped(fromServer("DC000", "NOT_A_CODE: something odd")));
        DispatchException noCode = typed(wrapped(fromServer("DC000", "no code at all")));

        assertThat(unknownCode.code()).isEqualTo(ErrorCode.UNEXPECTED);
        assertThat(unknownCode.sentence()).isEqualTo("NOT_A_CODE: something odd. The database refused it; nothing was changed.");
        assertThat(noCode.code()).isEqualTo(ErrorCode.UNEXPECTED);
        assertThat(noCode.sentence()).isEqualTo("no code at all. The database refused it; nothing was changed.");
    }

    @Test
    void aValueTheDatabaseRefusesIsAnInvalidArgumentWithTheServersFirstLineOnly() {
        DispatchException invalid = typed(wrapped(new SQLException(
                "ERROR: numeric field overflow\n  Detail: A field with precision 8, scale 2 must round to …", "22003")));

        assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(invalid.sentence())
                .isEqualTo("The database refused a value: ERROR: numeric field overflow; nothing was changed.");
    }

    @Test
    void lostConnectionsAreDatabaseUnavailableAndNameTheUrlWithoutItsSecrets() {
        DispatchException poolEmpty = typed(new RuntimeException("could not get a connection",
                new SQLTransientConnectionException("dispatch - Connection is not available, request timed out")));
        DispatchException refused = typed(new JDBCConnectionException("unable to obtain isolated JDBC connection",
                new PSQLException("Connection to db.example:5432 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                        new ConnectException("Connection refused"))));
        DispatchException killed = typed(wrapped(fromServer("57P01",
                "terminating connection due to administrator command")));

        for (DispatchException e : new DispatchException[] {poolEmpty, refused, killed}) {
            assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
            assertThat(e.sentence()).isEqualTo("The database at jdbc:postgresql://db.example:5432/dispatch cannot be "
                    + "reached; nothing was changed.").doesNotContain("hunter2");
        }
    }

    @Test
    void aConcurrentChangeAndAServiceRetryThatRanOutSayTryAgain() {
        assertThat(typed(wrapped(new SQLException("deadlock detected", "40P01"))).sentence())
                .isEqualTo("Other consoles changed the same riders at the same moment; nothing was changed. Try again.");
        assertThat(typed(new UnitOfWork.RowMovedMeanwhile()))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_UPDATE))
                .satisfies(e -> assertThat(e.sentence()).isEqualTo(
                        "The batch kept changing under other consoles; nothing was changed. Try again."));
    }

    @Test
    void anErrorWithoutAnySqlStateIsNotMistakenForARefusal() {
        DispatchException other = typed(new IllegalStateException("Session is closed"));

        assertThat(DatabaseErrors.classify(new IllegalStateException("x"))).isEqualTo(DatabaseErrors.Kind.OTHER);
        assertThat(other.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(other.sentence()).isEqualTo("Unexpected database error: Session is closed; nothing was changed.");
    }
}
