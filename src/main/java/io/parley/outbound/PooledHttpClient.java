package io.parley.outbound;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/** The Apache HttpClient under {@link SafeHttpClient}, with everything that would weaken its checks turned off. */
final class PooledHttpClient {

    private PooledHttpClient() {}

    static CloseableHttpClient create(OutboundProperties settings) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                // Every connection's addresses come from here, checked; nothing else resolves names.
                .setDnsResolver(new VettingDnsResolver(new AddressPolicy(settings.allowedNetworks())))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.timeout()))
                        .setTimeToLive(TimeValue.ofMinutes(1))
                        .build())
                .setMaxConnTotal(50)
                .setMaxConnPerRoute(5)
                .build();
        // No useSystemProperties(): a proxy from the JVM's settings would resolve names itself, past our check.
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(settings.timeout()))
                        .setResponseTimeout(Timeout.of(settings.timeout()))
                        .build())
                // SafeHttpClient follows redirects itself, checking each address.
                .disableRedirectHandling()
                // A retry would resend a business's action; the caller decides.
                .disableAutomaticRetries()
                // One client serves every tenant: a cookie or a login one site set must not go along with another's.
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(SafeHttpClient.USER_AGENT)
                .build();
    }
}
