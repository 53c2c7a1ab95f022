package io.parley.conversation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes messages to the store in the order they were given, batching whatever has queued up into one transaction
 * (group commit) on a single writer thread.
 *
 * <p>Order is what keeps {@code seq} gapless: a conversation's messages are handed over in seq order, so whatever a
 * crash loses is always a conversation's newest messages, never one in the middle. A customer's message is
 * acknowledged only when the future returned for it completes; a reply is handed over and shown at once, and is
 * written moments later. While the store is away the writer keeps retrying with back-off, nothing is dropped, and
 * new customer messages are refused once the queue nears capacity, so memory stays bounded. Thread-safe.
 */
final class MessageJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MessageJournal.class);
    private static final int MAX_BATCH = 500;
    /** Retries while the store is away are at most this far apart, so recovery is noticed within about a second. */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

    private record Entry(Message message, CompletableFuture<Message> stored) {}

    private final ConversationStore store;
    private final int capacity;
    private final LinkedBlockingQueue<Entry> queue;
    private final Thread writer;
    private volatile boolean closing;
    private volatile int inFlight;

    MessageJournal(ConversationStore store, int capacity) {
        this.store = store;
        this.capacity = capacity;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().name("parley-journal").daemon().start(this::writeLoop);
    }

    /**
     * Queues a customer's message unless the queue is nearly full (the last tenth is kept for replies).
     *
     * @return a future completed once the message is stored, or null when refused
     */
    CompletableFuture<Message> offerCustomerMessage(Message message) {
        if (closing || queue.remainingCapacity() < capacity / 10) {
            return null;
        }
        Entry entry = new Entry(message, new CompletableFuture<>());
        return queue.offer(entry) ? entry.stored() : null;
    }

    /**
     * Queues a message that must not be lost (a reply the customer has seen), waiting for room if need be. An
     * interrupt does not stop it: the reply already has its seq, and dropping it would leave a gap in the conversation
     * (the database fault run found one, a turn thread whose model call had just been interrupted at its deadline).
     * The interrupt is kept for the caller.
     */
    CompletableFuture<Message> append(Message message) {
        Entry entry = new Entry(message, new CompletableFuture<>());
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(entry);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return entry.stored();
    }

    /** Messages handed over but not yet stored. */
    int pending() {
        return queue.size() + inFlight;
    }

    /**
     * Stops taking customer messages and waits until everything handed over is stored, or the timeout passes.
     *
     * @return true when nothing is left unwritten
     */
    boolean drain(Duration timeout) {
        closing = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (pending() > 0 && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return pending() == 0;
    }

    @Override
    public void close() {
        closing = true;
        writer.interrupt();
    }

    private void writeLoop() {
        List<Entry> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            inFlight = batch.size();
            if (!writeWithRetries(batch)) {
                return;
            }
            batch.clear();
            inFlight = 0;
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** @return false when interrupted while waiting to retry */
    private boolean writeWithRetries(List<Entry> batch) {
        Duration backoff = Duration.ofMillis(50);
        while (true) {
            try {
                store.appendAll(batch.stream().map(Entry::message).toList());
                batch.forEach(e -> e.stored().complete(e.message()));
                return true;
            } catch (StoreConflictException e) {
                writeOneByOne(batch);
                return true;
            } catch (RuntimeException e) {
                log.warn("Cannot write {} message(s) yet; retrying in {} ms", batch.size(), backoff.toMillis());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return false;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * A conflict in a batch means some message can never be written (its seq is taken: a bug or a second writer).
     * Write the rest one by one so that one bad message does not take the others down with it.
     */
    private void writeOneByOne(List<Entry> batch) {
        for (Entry entry : batch) {
            while (true) {
                try {
                    store.appendAll(List.of(entry.message()));
                    entry.stored().complete(entry.message());
                    break;
                } catch (StoreConflictException e) {
                    if (alreadyStored(entry.message())) {
                        // A commit whose answer was lost (the connection dropped) had stored it after all.
                        entry.stored().complete(entry.message());
                        break;
                    }
                    log.error(
                            "Dropped message {} of conversation {}: it can never be stored ({})",
                            entry.message().id(),
                            entry.message().conversation(),
                            e.getMessage());
                    entry.stored().completeExceptionally(e);
                    break;
                } catch (RuntimeException e) {
                    try {
                        Thread.sleep(MAX_BACKOFF);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Whether this very message (same id, same place) is in the store already. */
    private boolean alreadyStored(Message message) {
        try {
            return store.message(message.organization(), message.id())
                    .filter(stored -> stored.seq() == message.seq()
                            && stored.conversation().equals(message.conversation()))
                    .isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
