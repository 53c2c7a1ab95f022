package io.parley.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Frames on their way to one client, written in order by a virtual thread of the connection's own, so that whoever
 * produces them (the engine, which holds a conversation's lock while it does) never waits on this client's socket.
 *
 * <p>A client that does not read is dropped, and its memory freed, once more than {@code limitChars} of frames wait
 * for it, or once one write has blocked for longer than the send time limit. Other clients, even of the same
 * conversation, are never slowed down by it. Thread-safe.
 */
public final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    /** Tomcat's own bound on one blocking write, in milliseconds, read from the session's user properties. */
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final WebSocketSession session;
    private final long limitChars;
    private final ConcurrentLinkedQueue<Object> frames = new ConcurrentLinkedQueue<>();
    private final AtomicLong waitingChars = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean dropped;

    /** What the writer does when it reaches the end of the frames that were queued before it: close. */
    private record Close(CloseStatus status) {}

    public Outbox(WebSocketSession session, long limitChars, Duration sendTimeLimit) {
        this.session = session;
        this.limitChars = limitChars;
        if (session instanceof NativeWebSocketSession nativeSession) {
            jakarta.websocket.Session tomcat = nativeSession.getNativeSession(jakarta.websocket.Session.class);
            if (tomcat != null) {
                tomcat.getUserProperties().put(BLOCKING_SEND_TIMEOUT, sendTimeLimit.toMillis());
            }
        }
    }

    /** Queues a frame and returns at once. */
    public void send(String frame) {
        if (dropped) {
            return;
        }
        if (waitingChars.addAndGet(frame.length()) > limitChars) {
            drop("too many frames waiting for it");
            return;
        }
        enqueue(frame);
    }

    /** Closes the connection once every frame queued so far has been written. */
    public void closeAfterSending(CloseStatus status) {
        if (!dropped) {
            enqueue(new Close(status));
        }
    }

    public boolean dropped() {
        return dropped;
    }

    private void enqueue(Object item) {
        frames.add(item);
        if (draining.compareAndSet(false, true)) {
            Thread.ofVirtual().name("ws-outbox-", 0).start(this::drain);
        }
    }

    private void drain() {
        do {
            Object item;
            while ((item = frames.poll()) != null) {
                if (!write(item)) {
                    return;
                }
            }
            draining.set(false);
            // A frame queued after the loop saw the queue empty, but before the flag was cleared, would be stranded.
        } while (!frames.isEmpty() && draining.compareAndSet(false, true));
    }

    /** @return false when the connection is gone or was dropped */
    private boolean write(Object item) {
        try {
            if (item instanceof Close close) {
                dropped = true;
                frames.clear();
                if (session.isOpen()) {
                    session.close(close.status());
                }
                return false;
            }
            String frame = (String) item;
            waitingChars.addAndGet(-frame.length());
            if (dropped || !session.isOpen()) {
                return false;
            }
            session.sendMessage(new TextMessage(frame));
            return true;
        } catch (IOException | RuntimeException e) {
            drop("its connection failed (" + e.getClass().getSimpleName() + ")");
            return false;
        }
    }

    /**
     * Gives up on the client: forgets what waits for it and closes the connection from a thread of its own, because
     * the container may hold the close until a write that is blocked on this client gives up.
     */
    private void drop(String why) {
        if (dropped) {
            return;
        }
        dropped = true;
        frames.clear();
        waitingChars.set(0);
        log.debug("Dropping chat connection {}: {}", session.getId(), why);
        Thread.ofVirtual().start(() -> {
            try {
                session.close(CloseStatus.SESSION_NOT_RELIABLE);
            } catch (IOException | RuntimeException e) {
                log.debug("Closing chat connection {} failed: {}", session.getId(), e.toString());
            }
        });
    }
}
