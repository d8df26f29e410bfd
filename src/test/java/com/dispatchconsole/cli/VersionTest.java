package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * --version names the build, from the jar's manifest (the pom's version) rather than a number typed into the code;
 * every subcommand answers it too. Run from classes, as here, there is no manifest, and it says so.
 */
@UnitTest
class VersionTest {

    private static String printed(String... args) {
        CommandLine command = Main.commandLine();
        StringWriter out = new StringWriter();
        command.setOut(new PrintWriter(out, true));
        assertThat(command.execute(args)).isZero();
        return out.toString().strip();
    }

    @Test
    void theTopCommandAndEverySubcommandPrintTheBuildsVersion() {
        assertThat(printed("--version")).isEqualTo("Dispatch Console " + Version.current())
                .isEqualTo("Dispatch Console development build");
        assertThat(printed("bench", "assign", "--version")).isEqualTo(printed("--version"));
        assertThat(printed("db", "--version")).isEqualTo(printed("--version"));
    }
}
