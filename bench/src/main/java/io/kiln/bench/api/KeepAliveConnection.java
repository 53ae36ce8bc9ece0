package io.kiln.bench.api;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection to the API, with as little client work per request as possible, so that a
 * load on two cores measures the server rather than the client. Answers must carry a Content-Length.
 */
final class KeepAliveConnection implements AutoCloseable {

    private final URI base;
    private final byte[] request;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    KeepAliveConnection(URI base, String method, String path, String token) {
        this.base = base;
        this.request = (method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nAuthorization: Bearer "
                + token + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends the request and reads the whole answer; @return its status code */
    int exchange() throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 65536);
        }
        try {
            out.write(request);
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean close = false;
            for (String header; !(header = line()).isEmpty();) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (length < 0) {
                throw new IOException("no Content-Length in the answer");
            }
            in.skipNBytes(length);
            if (close) {
                close();
            }
            return code;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n';) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
