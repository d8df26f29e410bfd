package com.dispatchconsole.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.testing.SlowTest;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A fake server on the port asks for the password in clear text: the console's connections never send it. */
@SlowTest
class ImpostorServerTest {

    @Test
    void aServerAskingForTheCleartextPasswordNeverReceivesIt() throws Exception {
        try (ServerSocket impostor = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> listen(impostor));
            DatabaseConfig config = DatabaseConfig.of("jdbc:postgresql://localhost:" + impostor.getLocalPort()
                    + "/dispatch", "olga", "olga-secret-1234");

            assertThatThrownBy(() -> Database.open(config)).isNotNull();

            assertThat(received.get(30, TimeUnit.SECONDS)).doesNotContain("olga-secret-1234");
        }
    }

    /** Answers every startup with AuthenticationCleartextPassword and returns everything the clients sent. */
    private static String listen(ServerSocket server) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            server.setSoTimeout(8000);
            while (true) {
                try (Socket client = server.accept()) {
                    client.setSoTimeout(1000);
                    DataInputStream in = new DataInputStream(client.getInputStream());
                    DataOutputStream out = new DataOutputStream(client.getOutputStream());
                    int length = in.readInt();
                    byte[] startup = in.readNBytes(length - 4);
                    if (length == 8 && java.nio.ByteBuffer.wrap(startup).getInt() == 80877103) {
                        out.writeByte('N'); // no TLS here: go on in plain text, as an impostor would
                        out.flush();
                        length = in.readInt();
                        startup = in.readNBytes(length - 4);
                    }
                    all.write(startup);
                    out.writeByte('R');
                    out.writeInt(8);
                    out.writeInt(3); // AuthenticationCleartextPassword
                    out.flush();
                    drain(client.getInputStream(), all);
                }
            }
        } catch (SocketTimeoutException noMoreClients) {
            return all.toString(StandardCharsets.ISO_8859_1);
        } catch (Exception e) {
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream all) {
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                all.write(buffer, 0, n);
            }
        } catch (Exception closedOrQuiet) {
            // the client gave up, or sent nothing more
        }
    }
}
