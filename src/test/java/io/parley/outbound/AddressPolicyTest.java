package io.parley.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    private final AddressPolicy publicOnly = AddressPolicy.publicOnly();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.1.2.3",
                "10.0.0.5",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.255",
                "0.0.0.0",
                "0.1.2.3",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "198.18.0.1",
                "192.0.2.1",
                "::1",
                "::",
                "fe80::1",
                "fc00::1",
                "fd00:ec2::254",
                "fec0::1",
                "ff02::1",
                "::127.0.0.1",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "64:ff9b::a00:5",
                "64:ff9b::a9fe:a9fe",
                "2002:a00:5::1",
                "2001:db8::1",
                "2001::1"
            })
    void refusesAddressesOutsideThePublicInternet(String literal) throws Exception {
        assertThat(publicOnly.permits(InetAddress.getByName(literal))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "8.8.8.8",
                "172.32.0.1",
                "100.128.0.1",
                "11.0.0.1",
                "2606:4700:4700::1111",
                "2a00:1450:4001::200e",
                "64:ff9b::808:808",
                "2002:808:808::1"
            })
    void allowsPublicAddresses(String literal) throws Exception {
        assertThat(publicOnly.permits(InetAddress.getByName(literal))).isTrue();
    }

    /** Java usually turns ::ffff:a.b.c.d into IPv4 itself; an Inet6Address holding that form must be refused too. */
    @Test
    void refusesAnIpv4MappedIpv6AddressKeptAsIpv6() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(publicOnly.permits(address)).isFalse();
        assertThat(new AddressPolicy(List.of("127.0.0.1/32")).permits(address)).isTrue();
    }

    @Test
    void allowsPrivateAddressesOnlyInsideTheAllowList() throws Exception {
        AddressPolicy policy = new AddressPolicy(List.of("127.0.0.1/32", "10.20.0.0/16", "fd12:3456::/32"));

        assertThat(policy.permits(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(policy.permits(InetAddress.getByName("10.20.7.1"))).isTrue();
        assertThat(policy.permits(InetAddress.getByName("fd12:3456:1::9"))).isTrue();
        assertThat(policy.permits(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(policy.permits(InetAddress.getByName("10.21.0.1"))).isFalse();
        assertThat(policy.permits(InetAddress.getByName("::1"))).isFalse();
        assertThat(policy.permits(InetAddress.getByName("169.254.169.254"))).isFalse();
        assertThat(policy.permits(InetAddress.getByName("8.8.8.8"))).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "192.168.1.7, 192.168.1.7, true",
        "192.168.1.7, 192.168.1.8, false",
        "0.0.0.0/0, 203.0.113.9, true",
        "0.0.0.0/0, ::1, false",
        "172.16.0.0/12, 172.31.0.1, true",
        "172.16.0.0/12, 172.32.0.1, false",
        "fd00::/8, fd12::1, true",
        "fd00::/8, fe00::1, false",
        "2001:db8::/32, 2001:db8:ffff::1, true",
        "::1, ::1, true",
        "::/0, 10.0.0.1, false",
        "::ffff:10.0.0.0/104, 10.9.9.9, true"
    })
    void readsCidrNetworks(String cidr, String address, boolean inside) throws Exception {
        assertThat(Network.parse(cidr).contains(InetAddress.getByName(address))).isEqualTo(inside);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0/8",
                "256.1.1.1/32",
                "10.0.0.0/",
                "10.0.0.0/abc",
                "010.0.0.0/8",
                "example.com/24",
                "localhost",
                "fe80::1%eth0",
                "fd00:::1/8",
                "",
                " "
            })
    void explainsANetworkItCannotRead(String cidr) {
        assertThatThrownBy(() -> new AddressPolicy(List.of(cidr)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + cidr + "' is not a network like 10.0.0.0/8, 192.168.1.7 or fd00::/8");
    }

    @Test
    void explainsAPrefixLengthOutOfRange() {
        assertThatThrownBy(() -> Network.parse("10.0.0.0/33"))
                .hasMessage("'10.0.0.0/33' has a prefix length outside 0–32 for this kind of address");
        assertThatThrownBy(() -> Network.parse("fd00::/129"))
                .hasMessage("'fd00::/129' has a prefix length outside 0–128 for this kind of address");
    }

    @Test
    void suggestsTheNetworkWhenAddressBitsFollowThePrefix() {
        assertThatThrownBy(() -> Network.parse("10.0.0.5/8"))
                .hasMessage("'10.0.0.5/8' has address bits set after the /8 prefix; did you mean 10.0.0.0/8?");
        assertThatThrownBy(() -> Network.parse("fd12:3456::1/32"))
                .hasMessage(
                        "'fd12:3456::1/32' has address bits set after the /32 prefix; did you mean fd12:3456::/32?");
    }
}
