package io.parley.knowledge;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises changes that touch both the database and an index (a document becoming ready, a deletion), so that a
 * document deleted while it was being processed can never reappear in the index afterwards.
 */
final class KnowledgeWrites {

    private final ReentrantLock lock = new ReentrantLock();

    void locked(Runnable change) {
        lock.lock();
        try {
            change.run();
        } finally {
            lock.unlock();
        }
    }
}
