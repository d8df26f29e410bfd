package com.dispatchconsole.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Socket.IO clients in a JVM of their own, on the same machine: the benchmark's JVM then holds the gateway as it
 * would run in service, without the clients' three thousand threads (every GC pause walks every thread's stack) and
 * without their garbage. The child is this same program ({@code bench gateway-clients}, hidden), driven over its
 * standard input and output; the tokens travel through that pipe, never through a file or the command line.
 *
 * <p>Protocol, one line each: the parent sends {@code port N}, then {@code client KIND SUBJECT BATCH|- TOKEN} per
 * client, then {@code connect} (answered {@code @@ ready CONNECTED}); {@code count} (answered
 * {@code @@ count HEARD EVENTS}); {@code report} (answered with {@code @@ c I CONNECTED EVENTS RESYNCS DISCONNECTS},
 * {@code @@ h I KEY MICROS} and {@code @@ w I KEY MICROS} lines and {@code @@ end}); {@code close}. Lines of the
 * child's standard output that do not start with {@code @@ } are ignored.
 */
final class ClientProcess implements GatewayClients {

    private static final String MARK = "@@ ";

    private final Process process;
    private final BufferedWriter toChild;
    private final BufferedReader fromChild;

    private ClientProcess(Process process) {
        this.process = process;
        this.toChild = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.fromChild = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts this program's hidden {@code bench gateway-clients} in a new JVM; its stderr goes to ours. */
    static ClientProcess start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "com.dispatchconsole.cli.Main", "bench", "gateway-clients");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        return new ClientProcess(builder.start());
    }

    @Override
    public synchronized int connect(List<Spec> specs, int socketPort) throws IOException {
        send("port " + socketPort);
        for (Spec spec : specs) {
            send("client " + spec.kind() + " " + spec.subject() + " "
                    + (spec.trackedBatchId() == null ? "-" : spec.trackedBatchId()) + " " + spec.token());
        }
        send("connect");
        return Integer.parseInt(answer("ready")[0]);
    }

    @Override
    public synchronized long heard() throws IOException {
        send("count");
        return Long.parseLong(answer("count")[0]);
    }

    @Override
    public synchronized long events() throws IOException {
        send("count");
        return Long.parseLong(answer("count")[1]);
    }

    @Override
    public synchronized List<Receipts> receipts() throws IOException {
        send("report");
        List<int[]> counts = new ArrayList<>();
        List<boolean[]> connected = new ArrayList<>();
        List<Map<String, Long>> heard = new ArrayList<>();
        List<Map<String, Long>> onWire = new ArrayList<>();
        while (true) {
            String[] f = next();
            switch (f[0]) {
                case "c" -> {
                    counts.add(new int[] {Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5])});
                    connected.add(new boolean[] {"1".equals(f[2])});
                    heard.add(new HashMap<>());
                    onWire.add(new HashMap<>());
                }
                case "h" -> heard.get(Integer.parseInt(f[1])).put(f[2], Long.parseLong(f[3]));
                case "w" -> onWire.get(Integer.parseInt(f[1])).put(f[2], Long.parseLong(f[3]));
                case "end" -> {
                    List<Receipts> out = new ArrayList<>();
                    for (int i = 0; i < counts.size(); i++) {
                        int[] c = counts.get(i);
                        out.add(new Receipts(connected.get(i)[0], c[0], c[1], c[2], heard.get(i), onWire.get(i)));
                    }
                    return out;
                }
                default -> throw new IOException("The client process answered '" + f[0] + "' to a report");
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            send("close");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (IOException | InterruptedException e) {
            process.destroy();
        }
    }

    private void send(String line) throws IOException {
        toChild.write(line);
        toChild.newLine();
        toChild.flush();
    }

    /** The fields after {@code @@ word}. */
    private String[] answer(String word) throws IOException {
        String[] f = next();
        if (!f[0].equals(word)) {
            throw new IOException("The client process answered '" + f[0] + "' where '" + word + "' was due");
        }
        String[] rest = new String[f.length - 1];
        System.arraycopy(f, 1, rest, 0, rest.length);
        return rest;
    }

    private String[] next() throws IOException {
        while (true) {
            String line = fromChild.readLine();
            if (line == null) {
                throw new IOException("The client process ended (exit code "
                        + (process.isAlive() ? "none yet" : process.exitValue()) + "); see its lines above");
            }
            if (line.startsWith(MARK)) {
                return line.substring(MARK.length()).split(" ");
            }
        }
    }

    // ---- the child's side ----------------------------------------------------------------------------------------

    /** Runs in the child JVM: reads the parent's lines from {@code in}, answers on {@code out}, until close. */
    static void serve(BufferedReader in, PrintStream out, PrintStream progress) throws Exception {
        List<Spec> specs = new ArrayList<>();
        int port = 0;
        try (LocalClients clients = new LocalClients(progress)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "port" -> port = Integer.parseInt(f[1]);
                    case "client" -> specs.add(new Spec(GatewayListener.Kind.valueOf(f[1]), Integer.parseInt(f[2]),
                            "-".equals(f[3]) ? null : f[3], f[4]));
                    case "connect" -> out.println(MARK + "ready " + clients.connect(specs, port));
                    case "count" -> out.println(MARK + "count " + clients.heard() + " " + clients.events());
                    case "report" -> {
                        List<Receipts> all = clients.receipts();
                        for (int i = 0; i < all.size(); i++) {
                            Receipts r = all.get(i);
                            out.println(MARK + "c " + i + " " + (r.connected() ? 1 : 0) + " " + r.events() + " "
                                    + r.resyncs() + " " + r.disconnects());
                        }
                        for (int i = 0; i < all.size(); i++) {
                            for (Map.Entry<String, Long> e : all.get(i).heard().entrySet()) {
                                out.println(MARK + "h " + i + " " + e.getKey() + " " + e.getValue());
                            }
                            for (Map.Entry<String, Long> e : all.get(i).onWire().entrySet()) {
                                out.println(MARK + "w " + i + " " + e.getKey() + " " + e.getValue());
                            }
                        }
                        out.println(MARK + "end");
                    }
                    case "close" -> {
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown instruction " + f[0]);
                }
                out.flush();
            }
        }
    }
}
