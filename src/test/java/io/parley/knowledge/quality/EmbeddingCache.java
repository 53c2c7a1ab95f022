package io.parley.knowledge.quality;

import io.parley.knowledge.Embeddings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Embeddings kept in a file between runs, keyed by the SHA-256 of the text: embedding the banking set's ~2,800 chunks
 * takes minutes on a busy 2-core machine, and trying a dozen chunk sizes embeds many of the same texts again. Only for
 * measuring; the model is fixed (it ships in a jar), so a text's vector never changes. Not thread-safe.
 */
public final class EmbeddingCache {

    private final Path file;
    private final Map<String, float[]> known = new HashMap<>();
    private final Map<String, float[]> added = new LinkedHashMap<>();

    private EmbeddingCache(Path file) {
        this.file = file;
    }

    /** Remembers nothing. */
    public static EmbeddingCache none() {
        return new EmbeddingCache(null);
    }

    /** Reads what {@code file} holds (nothing when it does not exist); {@link #save} appends what was added. */
    public static EmbeddingCache in(Path file) {
        EmbeddingCache cache = new EmbeddingCache(file);
        if (Files.exists(file)) {
            try (DataInputStream in =
                    new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
                while (true) {
                    byte[] key = new byte[32];
                    try {
                        in.readFully(key);
                    } catch (EOFException end) {
                        break;
                    }
                    float[] vector = new float[Embeddings.DIMENSIONS];
                    for (int i = 0; i < vector.length; i++) {
                        vector[i] = in.readFloat();
                    }
                    cache.known.put(HexFormat.of().formatHex(key), vector);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cache;
    }

    float[] get(String text) {
        return file == null ? null : known.get(key(text));
    }

    void put(String text, float[] vector) {
        if (file != null) {
            known.put(key(text), vector);
            added.put(key(text), vector);
        }
    }

    void save() {
        if (file == null || added.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                    Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
                for (Map.Entry<String, float[]> entry : added.entrySet()) {
                    out.write(HexFormat.of().parseHex(entry.getKey()));
                    for (float v : entry.getValue()) {
                        out.writeFloat(v);
                    }
                }
            }
            added.clear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
