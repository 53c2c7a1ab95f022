package io.parley.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustedProxies addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code ::1/128}) of the reverse proxies in front
 *     of Parley. Only a peer among them may say, with {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and
 *     {@code -Port}, who the client is and what it asked for; anyone else's such headers are ignored. Empty (the
 *     default) trusts no one: the peer is the client.
 */
@ConfigurationProperties("parley.security")
record TrustedProxiesProperties(@DefaultValue List<String> trustedProxies) {

    TrustedProxiesProperties {
        trustedProxies = List.copyOf(trustedProxies);
    }
}
