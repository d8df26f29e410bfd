package com.dispatchconsole.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback in front of PostgreSQL that can freeze: while frozen it keeps every socket open but
 * passes no bytes, like a server that hangs or a network that silently drops packets. It can also be pointed at
 * another server, like a port that another cluster took over after the first one went away.
 */
public final class FreezingProxy implements AutoCloseable {

    private final ServerSocket server;
    private volatile int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;
    private volatile boolean open = true;

    public FreezingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "freezing-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public void freeze() {
        frozen = true;
    }

    public void thaw() {
        frozen = false;
    }

    /**
     * The server behind the port changes: every connection open now is cut (the old server is gone) and new ones
     * reach {@code port}.
     */
    public synchronized void retarget(int port) throws IOException {
        targetPort = port;
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                Socket upstream;
                synchronized (this) {
                    try {
                        upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    } catch (IOException nobodyThere) {
                        client.close();
                        continue;
                    }
                    sockets.add(client);
                    sockets.add(upstream);
                }
                relay(client.getInputStream(), upstream.getOutputStream());
                relay(upstream.getInputStream(), client.getOutputStream());
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private void relay(InputStream in, OutputStream out) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    while (frozen && open) {
                        Thread.sleep(20);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException ignored) {
                // one side closed: the relay ends with it
            }
        }, "freezing-proxy-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
