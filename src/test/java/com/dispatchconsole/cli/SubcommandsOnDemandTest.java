package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line makes only the subcommands the arguments name (opening the console makes none), and every one
 * when help is asked for or a word is not one of them: help lists them all, a typo gets suggestions, and a
 * subcommand's own options still parse wherever they stand.
 */
@UnitTest
class SubcommandsOnDemandTest {

    private static final String[] ALL = {"db", "gateway", "sim", "stress", "bench", "pod", "token", "settings", "help"};

    @Test
    void theConsoleNeedsNoSubcommandAndASubcommandOnlyItself() {
        assertThat(Main.commandLine().getSubcommands().keySet()).containsExactly(ALL);
        assertThat(Main.commandLine().getSubcommands().keySet()).isEqualTo(Main.commandLine("help").getSubcommands().keySet());
        assertThat(Main.commandLine("--data-dir", "/tmp/x", "--demo", "LARGE").getSubcommands()).isEmpty();
        assertThat(Main.commandLine("--data-dir=/tmp/x").getSubcommands()).isEmpty();
        assertThat(Main.commandLine("--data-dir", "/tmp/x", "sim", "--riders", "3").getSubcommands().keySet())
                .containsExactly("sim");
        assertThat(Main.commandLine("token", "issue", "--help").getSubcommands().keySet()).containsExactly("token");
    }

    @Test
    void helpAndUnknownWordsSeeEverySubcommand() {
        assertThat(Main.commandLine("--help").getSubcommands().keySet()).containsExactly(ALL);
        assertThat(Main.commandLine("help", "sim").getSubcommands().keySet()).containsExactly(ALL);
        assertThat(Main.commandLine("simm").getSubcommands().keySet()).containsExactly(ALL);

        StringWriter usage = new StringWriter();
        CommandLine line = Main.commandLine("--help");
        line.setOut(new PrintWriter(usage));
        assertThat(line.execute("--help")).isZero();
        for (String name : ALL) {
            assertThat(usage.toString()).contains("  " + name + " ");
        }
    }

    @Test
    void aSubcommandsOptionsParseAsBefore() {
        CommandLine line = Main.commandLine("--data-dir", "/tmp/x", "sim", "--riders", "3", "--seed", "9");
        CommandLine.ParseResult parsed = line.parseArgs("--data-dir", "/tmp/x", "sim", "--riders", "3", "--seed", "9");
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("sim");
        assertThat(parsed.subcommand().matchedOptionValue("--riders", 0)).isEqualTo(3);
    }
}
