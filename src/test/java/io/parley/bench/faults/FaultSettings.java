package io.parley.bench.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fault run's sizes and timeouts as {@code key=value} pairs (from the command line or a test), each read with its
 * default. Durations are written {@code 500ms}, {@code 10s} or {@code 2m}. Immutable.
 */
public record FaultSettings(Map<String, String> values) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    public FaultSettings {
        values = Map.copyOf(values);
    }

    public static FaultSettings of(String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : keyValues) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        return new FaultSettings(values);
    }

    /** These settings with one more (or one changed). */
    FaultSettings with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(values);
        more.put(key, value);
        return new FaultSettings(more);
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
        return Integer.parseInt(get(key, String.valueOf(fallback)));
    }

    boolean flag(String key, boolean fallback) {
        return Boolean.parseBoolean(get(key, String.valueOf(fallback)));
    }

    Duration duration(String key, String fallback) {
        String text = get(key, fallback).strip().toLowerCase();
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(key + "=" + text + ": write durations as 500ms, 10s or 2m");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    /** The value as the server's own settings spell it (Spring reads {@code 500ms}, {@code 10s}, {@code 2m}). */
    String springDuration(String key, String fallback) {
        return duration(key, fallback).toMillis() + "ms";
    }
}
