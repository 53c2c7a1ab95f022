package io.parley.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

class OutboundPropertiesTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(OutboundConfiguration.class);

    @Test
    void defaultsToPublicAddressesOnlyWithModestLimits() {
        context.run(started -> {
            assertThat(started).hasSingleBean(SafeHttpClient.class);
            OutboundProperties settings = started.getBean(OutboundProperties.class);
            assertThat(settings.allowedNetworks()).isEmpty();
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(15));
            assertThat(settings.maxResponseSize()).isEqualTo(DataSize.ofMegabytes(10));
        });
    }

    @Test
    void bindsAnAllowList() {
        context.withPropertyValues(
                        "parley.outbound.allowed-networks=10.20.0.0/16,fd12::/16", "parley.outbound.timeout=3s")
                .run(started -> {
                    OutboundProperties settings = started.getBean(OutboundProperties.class);
                    assertThat(settings.allowedNetworks()).containsExactly("10.20.0.0/16", "fd12::/16");
                    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void refusesToStartWithANetworkItCannotRead() {
        context.withPropertyValues("parley.outbound.allowed-networks=10.0.0/8").run(started -> assertThat(started)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessage("parley.outbound.allowed-networks: '10.0.0/8' is not a network like 10.0.0.0/8,"
                        + " 192.168.1.7 or fd00::/8"));
    }
}
