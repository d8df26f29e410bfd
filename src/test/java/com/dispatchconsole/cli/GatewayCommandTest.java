package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.dispatchconsole.testing.SlowTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `gateway` as a person starts it: its addresses, then Ready; a clean stop; one line when it cannot start. */
@SlowTest
class GatewayCommandTest {

    @Test
    void itPrintsBothAddressesThenReadyAnswersAndStopsCleanlyOnSigterm() throws Exception {
        Path dataDir = Files.createTempDirectory("dispatch-gateway-cmd").resolve("pg");
        Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "gateway",
                "--data-dir", dataDir.toString(), "--http-port", "0", "--socket-port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            List<String> lines = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> untilReady(gateway));
            assertThat(lines).last().isEqualTo("Ready");
            String http = lines.stream().filter(l -> l.startsWith("HTTP API: http://127.0.0.1:")).findFirst()
                    .orElseThrow().substring("HTTP API: ".length());
            assertThat(lines).anyMatch(l -> l.matches("Socket\\.IO: http://127\\.0\\.0\\.1:\\d+"));

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(http + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"database\":\"dispatch\"");
            HttpResponse<String> noToken = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(http + "/api/batches")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(noToken.statusCode()).isEqualTo(401);
        } finally {
            gateway.destroy();
            assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        }
        // The embedded server it started went down with it.
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
    }

    private static List<String> untilReady(Process process) throws Exception {
        List<String> lines = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            if (line.equals("Ready")) {
                return lines;
            }
        }
        throw new AssertionError("the gateway stopped before Ready: " + lines);
    }

    @Test
    void aTakenPortIsOneLineAndExitOne() throws Exception {
        Path dataDir = Files.createTempDirectory("dispatch-gateway-port").resolve("pg");
        try (ServerSocket taken = new ServerSocket(0)) {
            CommandLine command = Main.commandLine();
            StringWriter err = new StringWriter();
            command.setErr(new PrintWriter(err, true));
            int exit = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> command.execute("gateway",
                    "--data-dir", dataDir.toString(), "--http-port", String.valueOf(taken.getLocalPort()),
                    "--socket-port", "0"));
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString().lines().toList()).singleElement().asString().startsWith("PORT_IN_USE: ");
        }
    }

    @Test
    void aPortOutOfRangeIsABadArgument() {
        CommandLine command = Main.commandLine();
        StringWriter err = new StringWriter();
        command.setErr(new PrintWriter(err, true));
        assertThat(command.execute("gateway", "--http-port", "70000")).isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .containsExactly("INVALID_ARGUMENT: --http-port is a port from 0 to 65535 (0 = any free one).");
    }
}
