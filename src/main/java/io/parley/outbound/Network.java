package io.parley.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * One IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}; a bare address means just that
 * address). Parsing never asks DNS: an operator's typo must fail at start-up, not become a name lookup.
 */
final class Network {

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern LENGTH = Pattern.compile("\\d{1,3}");
    private static final int MAPPED_PREFIX_BITS = 96;

    private final byte[] prefix;
    private final int length;

    private Network(byte[] prefix, int length) {
        this.prefix = prefix;
        this.length = length;
    }

    /**
     * Parses {@code address[/length]}.
     *
     * @throws IllegalArgumentException with a message that says what is wrong and what a right one looks like
     */
    static Network parse(String cidr) {
        String text = cidr == null ? "" : cidr.strip();
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        String lengthText = slash < 0 ? null : text.substring(slash + 1);
        byte[] address = literal(addressText, cidr);
        int maxLength = address.length * 8;
        int length = maxLength;
        if (lengthText != null) {
            if (!LENGTH.matcher(lengthText).matches()) {
                throw notANetwork(cidr);
            }
            length = Integer.parseInt(lengthText);
            if (addressText.contains(":") && address.length == 4) {
                // ::ffff:10.0.0.0/104: Java reads an IPv4-mapped address as the IPv4 address itself.
                length -= MAPPED_PREFIX_BITS;
            }
            if (length < 0 || length > maxLength) {
                throw new IllegalArgumentException(
                        "'" + cidr + "' has a prefix length outside 0–" + maxLength + " for this kind of address");
            }
        }
        byte[] masked = mask(address, length);
        if (!Arrays.equals(masked, address)) {
            throw new IllegalArgumentException("'" + cidr + "' has address bits set after the /" + length
                    + " prefix; did you mean " + text(masked) + "/" + length + "?");
        }
        return new Network(masked, length);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == prefix.length && Arrays.equals(mask(bytes, length), prefix);
    }

    @Override
    public String toString() {
        return text(prefix) + "/" + length;
    }

    private static byte[] literal(String text, String original) {
        try {
            if (IPV4.matcher(text).matches()) {
                byte[] bytes = new byte[4];
                String[] parts = text.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int value = Integer.parseInt(parts[i]);
                    if (value > 255) {
                        throw notANetwork(original);
                    }
                    bytes[i] = (byte) value;
                }
                return bytes;
            }
            if (IPV6.matcher(text).matches()) {
                // A string with a colon is always read as an IPv6 literal, never looked up.
                return InetAddress.getByName(text).getAddress();
            }
        } catch (UnknownHostException e) {
            throw notANetwork(original);
        }
        throw notANetwork(original);
    }

    private static byte[] mask(byte[] address, int length) {
        byte[] masked = address.clone();
        for (int bit = length; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    /** The usual spelling: dotted IPv4, or IPv6 with its longest run of zero groups written as {@code ::}. */
    private static String text(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int run = 0;
            while (i + run < 8 && groups[i + run] == 0) {
                run++;
            }
            if (run > bestLength) {
                bestStart = i;
                bestLength = run;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static IllegalArgumentException notANetwork(String cidr) {
        return new IllegalArgumentException("'" + cidr + "' is not a network like 10.0.0.0/8, 192.168.1.7 or fd00::/8");
    }
}
