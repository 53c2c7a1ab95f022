package io.parley.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON as the store keeps and hashes it: one mapper (floating-point numbers as doubles), money rounding, and the
 * canonical text the store hash is taken of (Python's {@code json.dumps(sort_keys=True)}: keys sorted, {@code ", "} and
 * {@code ": "}, non-ASCII as {@code \\uXXXX}, floats as Python prints them). Thread-safe.
 */
public final class StoreJson {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private StoreJson() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }

    public static ObjectNode parseObject(String json) {
        return (ObjectNode) MAPPER.readTree(json);
    }

    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** Rounded to 2 decimals, half to even, as Python's {@code round(x, 2)} rounds a float. */
    public static double money(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The SHA-256, in hex, of the canonical text of the store: {"orders":…,"products":…,"users":…}. */
    public static String hash(StoreSnapshot snapshot) {
        ObjectNode all = object();
        all.set("orders", byId(snapshot.orders(), "order_id"));
        all.set("products", byId(snapshot.products(), "product_id"));
        all.set("users", byId(snapshot.users(), "user_id"));
        return sha256(canonical(all));
    }

    static ObjectNode byId(List<ObjectNode> items, String idField) {
        ObjectNode map = object();
        for (ObjectNode item : items) {
            map.set(item.get(idField).asString(), item);
        }
        return map;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text Python's {@code json.dumps(node, sort_keys=True)} gives. */
    public static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder(4096);
        append(out, node);
        return out.toString();
    }

    private static void append(StringBuilder out, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            fields.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                string(out, fields.get(i).getKey());
                out.append(": ");
                append(out, fields.get(i).getValue());
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                append(out, node.get(i));
            }
            out.append(']');
        } else if (node.isString()) {
            string(out, node.asString());
        } else if (node.isBoolean()) {
            out.append(node.asBoolean() ? "true" : "false");
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue().toString());
        } else if (node.isNumber()) {
            out.append(pythonFloat(node.asDouble()));
        } else {
            string(out, node.asString());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A double as Python's {@code repr} prints it: shortest digits, scientific below 1e-4 and from 1e16. */
    public static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
