package io.parley.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize the largest request body any endpoint reads, checked before anything parses it: a declared
 *     {@code Content-Length} over it is refused unread, a chunked body is counted as it is read. Multipart uploads
 *     keep their own, larger limits ({@code spring.servlet.multipart.*}).
 */
@ConfigurationProperties("parley.http")
record BodyLimitProperties(@DefaultValue("1MB") DataSize maxBodySize) {

    BodyLimitProperties {
        if (maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("parley.http.max-body-size must be positive");
        }
    }
}
