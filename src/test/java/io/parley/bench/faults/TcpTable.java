package io.parley.bench.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This machine's TCP connections as the kernel lists them ({@code /proc/net/tcp} and {@code tcp6}): how many the
 * server holds open, and which of a run's own client connections the server has closed. Linux only.
 */
final class TcpTable {

    /** The kernel's code for an established connection. */
    static final int ESTABLISHED = 1;

    private record Entry(int localPort, int remotePort, int state, long sendQueue) {}

    private TcpTable() {}

    /** Connections the server listening on {@code port} has established right now. */
    static int openOn(int port) {
        return (int) entries().stream()
                .filter(e -> e.localPort() == port && e.state() == ESTABLISHED)
                .count();
    }

    /**
     * The server's side of every connection to it, by the client's port: its state leaves ESTABLISHED as soon as the
     * server closes it, even when the client, not reading, still has the server's last frames (and FIN) to come.
     */
    static Map<Integer, Integer> serverSideStates(int port) {
        Map<Integer, Integer> states = new HashMap<>();
        for (Entry e : entries()) {
            if (e.localPort() == port) {
                states.put(e.remotePort(), e.state());
            }
        }
        return states;
    }

    /**
     * Bytes the kernel holds for the server to send on each connection to it, by the client's port: memory a client
     * that does not read costs outside the server's heap.
     */
    static Map<Integer, Long> serverSideSendQueues(int port) {
        Map<Integer, Long> queues = new HashMap<>();
        for (Entry e : entries()) {
            if (e.localPort() == port) {
                queues.put(e.remotePort(), e.sendQueue());
            }
        }
        return queues;
    }

    private static List<Entry> entries() {
        return java.util.stream.Stream.of("/proc/net/tcp", "/proc/net/tcp6")
                .flatMap(file -> lines(Path.of(file)).stream().skip(1))
                .map(String::strip)
                .map(line -> line.split("\\s+"))
                .map(f -> new Entry(
                        port(f[1]),
                        port(f[2]),
                        Integer.parseInt(f[3], 16),
                        Long.parseLong(f[4].substring(0, f[4].indexOf(':')), 16)))
                .toList();
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
