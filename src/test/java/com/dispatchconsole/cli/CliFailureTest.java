package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.testing.UnitTest;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** How a failure becomes the one line a command prints: the code, a sentence, nothing secret, one line. */
@UnitTest
class CliFailureTest {

    @Test
    void aTypedRefusalKeepsItsCodeAndSentenceEvenWhenAWorkerThreadWrappedIt() {
        DispatchException refused = new DispatchException(ErrorCode.PERMISSION_DENIED, "Your role may not do this.");
        CliFailure failure = CliFailure.of(new IllegalStateException("A stress dispatcher crashed",
                new ExecutionException(refused)), null);

        assertThat(failure.line()).isEqualTo("PERMISSION_DENIED: Your role may not do this.");
        assertThat(failure.exitCode()).isEqualTo(1);
    }

    @Test
    void connectionFailuresAreDatabaseUnavailableWithAReasonAndNoSecrets() {
        PSQLException refused = new PSQLException("Connection to localhost:1 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
        RuntimeException pool = new RuntimeException("Failed to initialize pool for jdbcUrl="
                + "jdbc:postgresql://db.example:5432/dispatch?user=olga&password=hunter2", refused);

        CliFailure failure = CliFailure.of(pool, "jdbc:postgresql://db.example:5432/dispatch");

        assertThat(failure.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(failure.line()).isEqualTo("DATABASE_UNAVAILABLE: The database at "
                + "jdbc:postgresql://db.example:5432/dispatch cannot be reached: the connection was refused "
                + "(is the server running, on that host and port?).");
        assertThat(CliFailure.of(new PSQLException("The connection attempt failed.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT, new UnknownHostException("db.invalid")), null).line())
                .isEqualTo("DATABASE_UNAVAILABLE: The database cannot be reached: unknown host db.invalid.");
        assertThat(CliFailure.of(new SQLTransientConnectionException("dispatch - Connection is not available"), null)
                .code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(CliFailure.of(new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE), null).code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
    }

    @Test
    void anythingElseIsUnexpectedOnOneLineWithoutTheUrlsQueryString() {
        CliFailure failure = CliFailure.of(new IllegalStateException("Could not use "
                + "jdbc:postgresql://db.example/dispatch?user=olga&password=hunter2\n  at line two"), null);

        assertThat(failure.code()).isEqualTo(ErrorCode.UNEXPECTED);
        assertThat(failure.line()).isEqualTo("UNEXPECTED: IllegalStateException: Could not use "
                + "jdbc:postgresql://db.example/dispatch. Run again with --verbose for the details.")
                .doesNotContain("hunter2").doesNotContain("\n");
        assertThat(CliFailure.redact("password=hunter2 and PASSWORD: hunter2")).doesNotContain("hunter2");
    }

    @Test
    void aBadArgumentExitsWithTwoLikePicocliUsageErrors() {
        assertThat(CliFailure.invalidArgument("--batches must be at least 1 (got -1).").exitCode()).isEqualTo(2);
        assertThat(CliFailure.of(new DispatchException(ErrorCode.INVALID_ARGUMENT, "bad"), null).exitCode())
                .isEqualTo(2);
    }
}
