package io.parley.security;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the server's keys and the services built on them. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    ServerKeys serverKeys(
            SecurityProperties settings,
            @Value("${parley.data-dir}") Path dataDir,
            @Value("${spring.datasource.url:}") String datasourceUrl) {
        return ServerKeys.load(settings, dataDir, datasourceUrl.startsWith("jdbc:h2:"));
    }

    @Bean
    SecretBox secretBox(ServerKeys keys) {
        return new SecretBox(keys);
    }

    @Bean
    KeyRotation keyRotation(SecretBox box, org.springframework.beans.factory.ObjectProvider<SealedSecrets> secrets) {
        return new KeyRotation(box, secrets.orderedStream().toList());
    }

    /**
     * {@code --parley.security.rotate-encryption-key=true}: the server re-encrypts every secret under the current key,
     * then stops (a command, not a mode to leave on).
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("parley.security.rotate-encryption-key")
    org.springframework.boot.ApplicationRunner rotateEncryptionKey(
            KeyRotation rotation, org.springframework.context.ConfigurableApplicationContext context) {
        return arguments -> {
            rotation.rotate();
            System.exit(org.springframework.boot.SpringApplication.exit(context, () -> 0));
        };
    }

    @Bean
    AccessTokens accessTokens(ServerKeys keys, SecurityProperties settings, Clock clock) {
        return new AccessTokens(keys, settings.accessTokenTtl(), clock);
    }

    /** Only with {@code parley.security.oidc.issuer-uri}: the issuer's access tokens for the admin API. */
    @Bean
    @ConditionalOnExpression("'${parley.security.oidc.issuer-uri:}'.trim() != ''")
    IssuerTokens issuerTokens(OidcProperties settings) {
        return new IssuerTokens(settings);
    }

    @Bean
    VisitorTokens visitorTokens(ServerKeys keys, SecurityProperties settings, Clock clock) {
        return new VisitorTokens(keys, settings.visitorTokenTtl(), clock);
    }
}
