package io.parley.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Addresses that are not on the public internet: this server, the networks it sits in, the cloud's metadata service,
 * and ranges reserved for special use (IANA's IPv4 and IPv6 special-purpose registries). A tenant's URL must never
 * reach them: that is how server-side request forgery reads cloud credentials or an internal admin page.
 */
final class ReservedNetworks {

    private static final List<Network> IPV4 = Stream.of(
                    "0.0.0.0/8", // "this network", including 0.0.0.0, which Linux connects to this host
                    "10.0.0.0/8", // private
                    "100.64.0.0/10", // carrier-grade NAT: shared, not public
                    "127.0.0.0/8", // loopback
                    "169.254.0.0/16", // link-local, with the cloud metadata service at 169.254.169.254
                    "172.16.0.0/12", // private
                    "192.0.0.0/24", // IETF protocol assignments
                    "192.0.2.0/24", // documentation
                    "192.88.99.0/24", // 6to4 relay anycast (deprecated)
                    "192.168.0.0/16", // private
                    "198.18.0.0/15", // benchmarking
                    "198.51.100.0/24", // documentation
                    "203.0.113.0/24", // documentation
                    "224.0.0.0/4", // multicast
                    "240.0.0.0/4") // reserved, and the 255.255.255.255 broadcast
            .map(Network::parse)
            .toList();

    private static final List<Network> IPV6 = Stream.of(
                    "::/96", // unspecified ::, loopback ::1 and the deprecated IPv4-compatible ::a.b.c.d
                    "64:ff9b:1::/48", // local-use NAT64
                    "100::/64", // discard-only
                    "2001::/23", // IETF protocol assignments, Teredo among them
                    "2001:db8::/32", // documentation
                    "3fff::/20", // documentation
                    "5f00::/16", // segment routing
                    "fc00::/7", // unique local, such as AWS's metadata service at fd00:ec2::254
                    "fe80::/10", // link-local
                    "fec0::/10", // site-local (deprecated)
                    "ff00::/8") // multicast
            .map(Network::parse)
            .toList();

    private static final Network NAT64 = Network.parse("64:ff9b::/96");
    private static final Network SIX_TO_FOUR = Network.parse("2002::/16");

    private ReservedNetworks() {}

    /** Whether the address is outside the public internet, looking through IPv6 forms that carry an IPv4 address. */
    static boolean contains(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        List<Network> reserved = address.getAddress().length == 4 ? IPV4 : IPV6;
        if (reserved.stream().anyMatch(network -> network.contains(address))) {
            return true;
        }
        return embeddedIpv4(address).map(ReservedNetworks::contains).orElse(false);
    }

    /**
     * The IPv4 address an IPv6 address stands for, if it is one of the forms that translate to IPv4 on the way: mapped
     * ({@code ::ffff:a.b.c.d}, which Java usually turns into IPv4 itself, but not always), NAT64 ({@code 64:ff9b::/96})
     * and 6to4 ({@code 2002:aabb:ccdd::}).
     */
    static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        if (isMapped(bytes) || NAT64.contains(address)) {
            return Optional.of(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return Optional.of(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
        }
        return Optional.empty();
    }

    /** The IPv4 address itself for an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}): the same host. */
    static InetAddress unmapped(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && isMapped(bytes) ? ipv4(Arrays.copyOfRange(bytes, 12, 16)) : address;
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
