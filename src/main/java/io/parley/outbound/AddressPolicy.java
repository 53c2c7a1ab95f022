package io.parley.outbound;

import java.net.InetAddress;
import java.util.List;

/**
 * Which addresses outbound requests may connect to: every public address, and private or reserved ones only inside
 * the operator's allow-list (an intranet the platform is meant to reach, or 127.0.0.1/32 in tests). Tenants never set
 * this: it is the server's configuration ({@code parley.outbound.allowed-networks}).
 *
 * @param allowedNetworks CIDR networks, IPv4 or IPv6 ({@code 10.20.0.0/16}, {@code fd12:3456::/32}; a bare address
 *     means that one address), validated here with a message that says what is wrong; never null
 */
public record AddressPolicy(List<String> allowedNetworks) {

    public AddressPolicy {
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
        allowedNetworks.forEach(Network::parse);
    }

    /** Public addresses only: the right policy for almost every installation. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(List.of());
    }

    /** Whether a connection to this (already resolved) address is allowed. */
    public boolean permits(InetAddress address) {
        InetAddress unmapped = ReservedNetworks.unmapped(address);
        boolean allowListed =
                allowedNetworks.stream().map(Network::parse).anyMatch(network -> network.contains(unmapped));
        return allowListed || !ReservedNetworks.contains(address);
    }
}
