package io.parley.bench.faults;

import io.parley.testing.ParleyApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Short descriptions of what a customer saw, for a report's examples when a check fails. */
final class Diagnostics {

    private Diagnostics() {}

    static String describe(Customer customer, Customer.Sent sent) {
        String seen = customer.messages().stream()
                .map(m -> m.seq() + ":" + m.role() + ":" + abbreviate(m.content()))
                .collect(Collectors.joining(", "));
        return "%s (%s) %s: acked=%s seq=%d error=%s reply=%s send failure=%s; seqs seen %s; messages [%s]; other errors %d; closed=%s"
                .formatted(
                        customer.name(),
                        customer.conversationId(),
                        sent.clientMessageId,
                        sent.acked(),
                        sent.ackSeq,
                        sent.errored() ? sent.errorStatus + " " + sent.errorDetail : "none",
                        sent.replied() ? abbreviate(sent.reply) : "none",
                        sent.sendFailure,
                        customer.seqs(),
                        seen,
                        customer.otherErrors(),
                        customer.closed.isDone() ? customer.closed.getNow(0) : "no");
    }

    /** What the store holds for a customer's conversation, as {@code seq:role:content} items. */
    static String stored(ParleyApi api, Customer customer) {
        ParleyApi.Response r =
                api.get("/api/v1/conversations/" + customer.conversationId() + "/messages", customer.visitorToken());
        List<String> items = new ArrayList<>();
        for (JsonNode m : r.body().path("messages")) {
            items.add(m.path("seq").asLong() + ":" + m.path("role").asString() + ":"
                    + abbreviate(m.path("content").asString()));
        }
        return "stored (HTTP " + r.status() + "): " + items;
    }

    /**
     * Saves the server's threads, virtual ones included, under target/bench/ (when a check fails: what is stuck, and
     * where).
     */
    static void saveThreadDump(long pid, String name) {
        Path file = Path.of("target", "bench", "fault-" + name + "-threads.txt").toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Process jcmd = new ProcessBuilder(
                            jcmd(), String.valueOf(pid), "Thread.dump_to_file", "-format=text", file.toString())
                    .redirectErrorStream(true)
                    .start();
            jcmd.getInputStream().readAllBytes();
            jcmd.waitFor();
            System.out.println("Saved the server's threads to " + file);
        } catch (IOException e) {
            System.err.println("No thread dump: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String jcmd() {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        return Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
