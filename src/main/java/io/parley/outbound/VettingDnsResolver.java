package io.parley.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The only name resolution outbound connections use. It looks a name up once, refuses it unless every address is
 * permitted, and hands HttpClient exactly the addresses it checked to connect to. There is no second lookup that a
 * DNS server could answer differently (DNS rebinding: public for the check, 127.0.0.1 for the connection).
 */
final class VettingDnsResolver implements DnsResolver {

    private final AddressPolicy policy;

    VettingDnsResolver(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = InetAddress.getAllByName(name);
        // Every address, not just the first: HttpClient tries the next one when a connection fails, and an attacker
        // can make the public one fail.
        if (!Arrays.stream(addresses).allMatch(policy::permits)) {
            throw new BlockedAddressException(host, isLiteral(name));
        }
        return addresses;
    }

    /** Spelled out rather than inherited, so that this path stays vetted whatever a later HttpClient's default does. */
    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host))
                .map(address -> new InetSocketAddress(address, port))
                .toList();
    }

    /** Only Kerberos authentication asks for this, and outbound requests never use it. */
    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        throw new UnknownHostException("canonical names are not looked up for outbound requests");
    }

    private static boolean isLiteral(String name) {
        return name.contains(":") || name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /**
     * The name or address is not allowed. An {@link UnknownHostException} because that is what a resolver may throw;
     * it carries no resolved address, so a tenant cannot use the message to map an internal network.
     */
    static final class BlockedAddressException extends UnknownHostException {

        private final boolean literal;

        BlockedAddressException(String host, boolean literal) {
            super("blocked by the outbound address policy: " + host);
            this.literal = literal;
        }

        /** Whether the URL named an address rather than a name that resolved to one. */
        boolean literal() {
            return literal;
        }
    }
}
