package io.parley.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * VADER's published lexicon: token → mean valence (-4 to +4) rated by ten people. Immutable, so shared freely between
 * threads; {@link #standard()} reads the file once per class loader.
 */
final class VaderLexicon {

    static final String RESOURCE = "/sentiment/vader_lexicon.txt";

    private final Map<String, Double> valences;

    private VaderLexicon(Map<String, Double> valences) {
        this.valences = Map.copyOf(valences);
    }

    static VaderLexicon standard() {
        return Standard.INSTANCE;
    }

    /** Whether the token, already lower-cased by the caller, is in the lexicon. */
    boolean contains(String lowerCaseToken) {
        return valences.containsKey(lowerCaseToken);
    }

    /** The valence of a token that {@link #contains} says is present. */
    double valence(String lowerCaseToken) {
        return valences.get(lowerCaseToken);
    }

    int size() {
        return valences.size();
    }

    static VaderLexicon read(InputStream in) throws IOException {
        Map<String, Double> valences = new HashMap<>(16_384);
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] columns = line.split("\t", 3);
                if (columns.length < 2) {
                    throw new IOException("lexicon line without a valence: " + line);
                }
                // 14 tokens appear twice; the later line wins, as in the Python and JavaScript implementations.
                valences.put(columns[0], Double.parseDouble(columns[1]));
            }
        }
        return new VaderLexicon(valences);
    }

    private static final class Standard {
        static final VaderLexicon INSTANCE = load();

        private static VaderLexicon load() {
            try (InputStream in = VaderLexicon.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("VADER lexicon missing from the classpath: " + RESOURCE);
                }
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the VADER lexicon " + RESOURCE, e);
            }
        }
    }
}
