package com.dispatchconsole.cli;

import com.dispatchconsole.app.DatabaseLauncher;
import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.ApiTokenSecret;
import com.dispatchconsole.domain.rows.ApiTokenRow;
import com.dispatchconsole.domain.rows.IssuedToken;
import com.dispatchconsole.service.ApiTokenService;
import com.dispatchconsole.service.DispatchServices;
import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * API tokens from the command line (issue 11). The database decides who may: on the embedded database this runs
 * as its owner; on a shared one only a dispatch_admin login may issue, list or revoke, anyone else gets one
 * PERMISSION_DENIED line and nothing is written.
 */
@Command(name = "token", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "API tokens for riders' devices, outlet systems, tracking pages and other systems.",
        subcommands = {TokenCommand.Issue.class, TokenCommand.Revoke.class, TokenCommand.ListTokens.class})
public final class TokenCommand {

    /** The database options and the operator, shared by every token subcommand. */
    abstract static class TokenTask implements Callable<Integer> {

        @Mixin
        DbOptions db = new DbOptions();

        @Mixin
        DataDirOption dataDir = new DataDirOption();

        @Option(names = "--operator", description = "Name declared for the change (default: the OS user); the "
                + "database records the login itself as the issuer or revoker.")
        String operator = System.getProperty("user.name", "operator");

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            // Launcher messages (the embedded server starting) go to stderr: stdout carries only the result.
            try (DatabaseLauncher launcher = DatabaseLauncher.open(db.target(), dataDir.dataDir(), null, System.err)) {
                PrintWriter out = spec.commandLine().getOut();
                run(new DispatchServices(launcher.database()).tokens(), out);
                out.flush();
                return 0;
            }
        }

        abstract void run(ApiTokenService tokens, PrintWriter out);
    }

    /** Exactly one scope; picocli refuses none or two as a bad argument (INVALID_ARGUMENT, exit 2). */
    static final class ScopeChoice {
        @Option(names = "--rider", paramLabel = "RIDER_ID", description = "For a rider's device.")
        UUID rider;

        @Option(names = "--outlet", paramLabel = "OUTLET_ID", description = "For an outlet's system.")
        UUID outlet;

        @Option(names = "--tracking", paramLabel = "BATCH_ID", description = "For a tracking page of one batch.")
        UUID tracking;

        @Option(names = "--system", paramLabel = "NAME", description = "For another system, by name (at most 100 characters).")
        String system;

        ApiTokenScope scope() {
            if (rider != null) {
                return ApiTokenScope.rider(rider);
            }
            if (outlet != null) {
                return ApiTokenScope.outlet(outlet);
            }
            if (tracking != null) {
                return ApiTokenScope.tracking(tracking);
            }
            return ApiTokenScope.system(system);
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Issue a token for exactly one of --rider, --outlet, --tracking or --system. The token is "
                    + "printed once, alone on the last line; only its hash is stored.")
    static final class Issue extends TokenTask {

        @ArgGroup(exclusive = true, multiplicity = "1")
        ScopeChoice choice;

        @Override
        void run(ApiTokenService tokens, PrintWriter out) {
            IssuedToken issued = tokens.issue(choice.scope(), operator);
            ApiTokenRow row = issued.row();
            out.println("Issued " + row.kind() + " token " + row.id() + " for " + row.scope().describe()
                    + "; it is shown this once and cannot be shown again:");
            out.println(issued.token());
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Revoke a token for good; a revoked token never authenticates again.")
    static final class Revoke extends TokenTask {

        @Parameters(index = "0", paramLabel = "TOKEN_ID", description = "The token's id (see 'token list').")
        UUID tokenId;

        @Override
        void run(ApiTokenService tokens, PrintWriter out) {
            ApiTokenRow row = tokens.revoke(tokenId, operator);
            out.println("Revoked " + row.kind() + " token " + row.id() + " for " + row.scope().describe()
                    + " (by " + row.revokedBy() + " at " + row.revokedAt() + ").");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Every token, valid and revoked, with the first characters of each (never the token).")
    static final class ListTokens extends TokenTask {

        @Override
        void run(ApiTokenService tokens, PrintWriter out) {
            List<ApiTokenRow> rows = tokens.list();
            if (rows.isEmpty()) {
                out.println("No API tokens have been issued.");
                return;
            }
            // Widths fit what each column holds: a UUID, a kind, a UUID or system name, the shown prefix
            // (dct_ and 8 characters, then "..."), a login, an instant to the second.
            String format = "%-36s  %-8s  %-36s  %-" + (ApiTokenSecret.SHOWN_CHARACTERS + 3) + "s  %-20s  %-20s  %s%n";
            out.printf(format, "ID", "KIND", "SUBJECT", "PREFIX", "CREATED BY", "CREATED AT", "REVOKED");
            for (ApiTokenRow row : rows) {
                String subject = row.kind() == ApiTokenScope.Kind.SYSTEM ? row.systemName() : row.subjectId().toString();
                String revoked = row.revoked() ? row.revokedAt() + " by " + row.revokedBy() : "-";
                out.printf(format, row.id(), row.kind(), subject, row.prefix() + "...", row.createdBy(),
                        row.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), revoked);
            }
        }
    }
}
