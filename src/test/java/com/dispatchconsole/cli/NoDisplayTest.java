package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.SlowTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The console started where there is no display (an ssh session, a server) says so in one line and exits, at once,
 * without starting (let alone creating and seeding) the embedded database for nothing.
 */
@SlowTest
class NoDisplayTest {

    @Test
    void withoutADisplayTheConsoleSaysNoDisplayInOneLineAndStartsNoDatabase() throws Exception {
        Path scratch = Files.createTempDirectory("dispatch-no-display");
        Path dataDir = scratch.resolve("pg");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--data-dir", dataDir.toString(), "--config-dir", scratch.resolve("config").toString())
                .redirectErrorStream(true);
        // The real toolkit (not the tests' headless one), and nothing to open a window on.
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        Process console = builder.start();
        console.getOutputStream().close();
        boolean ended = console.waitFor(120, TimeUnit.SECONDS);
        String output = new String(console.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            console.destroyForcibly();
        }

        assertThat(ended).as("the console gave up by itself").isTrue();
        assertThat(console.exitValue()).isEqualTo(1);
        assertThat(output.lines().filter(line -> line.startsWith("NO_DISPLAY: ")).toList()).hasSize(1);
        assertThat(output).doesNotContain("UNEXPECTED").doesNotContain("\tat ");
        assertThat(dataDir.resolve("PG_VERSION")).as("no embedded database was created").doesNotExist();
    }
}
