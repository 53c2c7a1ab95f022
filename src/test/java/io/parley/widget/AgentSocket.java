package io.parley.widget;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A member of the team's live inbox, {@code /ws/agent?accessToken=…}, as the console opens it: frames in, actions out. */
final class AgentSocket implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final Object arrived = new Object();
    private final WebSocket socket;

    private AgentSocket(int port, String accessToken) {
        socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://localhost:" + port + "/ws/agent?accessToken=" + accessToken), new Listener())
                .join();
    }

    static AgentSocket open(int port, String accessToken) {
        AgentSocket agent = new AgentSocket(port, accessToken);
        agent.await(frame -> frame.path("type").asString("").equals("hello"));
        return agent;
    }

    void send(Object action) {
        socket.sendText(JSON.writeValueAsString(action), true).join();
    }

    /** The first frame so far, or arriving within 10 s, that matches. */
    JsonNode await(Predicate<JsonNode> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (arrived) {
            while (true) {
                for (JsonNode frame : frames) {
                    if (matching.test(frame)) {
                        return frame;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no such frame within " + WAIT + "; got " + frames);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(arrived, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode frame = JSON.readTree(partial.toString());
                partial.setLength(0);
                synchronized (arrived) {
                    frames.add(frame);
                    arrived.notifyAll();
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
