package io.parley.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The retail store and policy shipped in the jar (resources/retail: τ²-bench's retail domain, MIT licence). The
 * parsed store is kept once; every caller gets its own copy.
 */
final class RetailTemplate {

    static final String NAME = "retail";

    private static volatile StoreSnapshot parsed;

    private RetailTemplate() {}

    /** A fresh copy of the store as shipped. */
    static StoreSnapshot fresh() {
        StoreSnapshot snapshot = parsed;
        if (snapshot == null) {
            synchronized (RetailTemplate.class) {
                if (parsed == null) {
                    parsed = read();
                }
                snapshot = parsed;
            }
        }
        return snapshot.copy();
    }

    /** The store's written support policy (Markdown). */
    static String policy() {
        try (InputStream in = resource("retail/policy.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StoreSnapshot read() {
        try (InputStream in = new GZIPInputStream(resource("retail/db.json.gz"))) {
            return StoreSnapshot.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = RetailTemplate.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing resource " + path);
        }
        return in;
    }
}
