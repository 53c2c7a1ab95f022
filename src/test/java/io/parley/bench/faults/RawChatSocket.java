package io.parley.bench.faults;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A bare WebSocket client on a plain socket: it does the handshake and sends masked text frames, and does nothing on
 * its own. It never answers a ping or a close and reads only when told to, so it can play a client whose network
 * vanished (silent, never closing) or one that never reads what the server sends. Not thread-safe.
 */
final class RawChatSocket implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawChatSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code 127.0.0.1:port} and upgrades {@code pathAndQuery} (e.g. {@code /ws/chat?siteKey=…}). */
    static RawChatSocket open(int port, String pathAndQuery) throws IOException {
        return open(port, pathAndQuery, 0);
    }

    /**
     * As {@link #open(int, String)}, with this receive buffer (0: the system's default): a small one makes a client
     * that does not read fill up sooner, as one on a slow network would.
     */
    static RawChatSocket open(int port, String pathAndQuery, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        socket.setSoTimeout(30_000);
        RawChatSocket raw = new RawChatSocket(socket);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        raw.out.write(("GET " + pathAndQuery + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + port + "\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        raw.out.flush();
        String head = raw.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("no upgrade: " + head.lines().findFirst().orElse(""));
        }
        return raw;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** Sends one text frame, masked as clients must. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            throw new IllegalArgumentException("frames over 64 KB are not needed here");
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** A frame from the server: its opcode (1 text, 8 close, …) and its payload as text. */
    record Frame(int opcode, String text) {
        static final int CLOSE = 8;

        /** A close frame's status code (e.g. 1001 going away), or -1. */
        int closeCode() {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            return opcode == CLOSE && bytes.length >= 2 ? ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff) : -1;
        }
    }

    /** Reads the next frame; null when the server ended the connection. */
    Frame readFrame() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int second = read();
        long length = second & 0x7f;
        if (length == 126) {
            length = ((long) read() << 8) | read();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | read();
            }
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            return null;
        }
        int opcode = first & 0x0f;
        return new Frame(
                opcode,
                new String(payload, opcode == Frame.CLOSE ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
    }

    /**
     * Reads everything until the server ends the connection, never answering anything (not even its close).
     *
     * @param onClose called with the close code when the server's close frame arrives
     */
    void readUntilClosed(java.util.function.IntConsumer onClose) {
        try {
            socket.setSoTimeout(0);
            Frame frame;
            while ((frame = readFrame()) != null) {
                if (frame.opcode() == Frame.CLOSE) {
                    onClose.accept(frame.closeCode());
                }
            }
        } catch (IOException e) {
            // reset by the server: ended all the same
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed during the handshake");
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
