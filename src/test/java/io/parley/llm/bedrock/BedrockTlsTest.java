package io.parley.llm.bedrock;

import static io.parley.testing.ModelRequests.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.Version;
import io.parley.llm.DeltaSink;
import io.parley.llm.ModelException;
import io.parley.testing.BedrockScript;
import io.parley.testing.ScriptedBedrockServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * AWS's endpoints are https: this checks the SDK's Netty client, on the Netty version the build resolves (Spring
 * Boot's, newer than the one the SDK was built with), streams over TLS the way the adapter configures it, against the
 * stand-in behind a certificate made for the test.
 */
class BedrockTlsTest {

    private static final char[] PASSWORD = "parley-test".toCharArray();

    private static SSLContext serverTls;
    private static TrustManagerFactory trustTestCertificate;

    private final ScriptedBedrockServer server = ScriptedBedrockServer.start(serverTls);

    @BeforeAll
    static void makeACertificate(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        new String(PASSWORD))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue())
                .as(Files.readString(dir.resolve("keytool.log")))
                .isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        trustTestCertificate = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustTestCertificate.init(store);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theSdksNettyClientStreamsOverTlsWithTheNettyOnTheClasspath() throws Exception {
        server.script(BedrockScript.reply("Secure hello").inChunks(2));
        List<String> events = new CopyOnWriteArrayList<>();
        try (var http = NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP1_1)
                        .tlsTrustManagersProvider(trustTestCertificate::getTrustManagers)
                        .build();
                var client = BedrockRuntimeAsyncClient.builder()
                        .httpClient(http)
                        .endpointOverride(server.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(BedrockFixture.ACCESS_KEY, BedrockFixture.SECRET_KEY)))
                        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(10)))
                        .build()) {
            var request = ConverseStreamRequest.builder()
                    .modelId(BedrockFixture.CLAUDE)
                    .messages(Message.builder()
                            .role(ConversationRole.USER)
                            .content(ContentBlock.fromText("Hi"))
                            .build())
                    .build();
            var done = new CompletableFuture<Void>();
            var handler = ConverseStreamResponseHandler.builder()
                    .subscriber(event -> events.add(event.sdkEventType().toString()))
                    .onComplete(() -> done.complete(null))
                    .onError(done::completeExceptionally)
                    .build();

            client.converseStream(request, handler);
            done.get(20, TimeUnit.SECONDS);
        }

        assertThat(server.endpoint().getScheme()).isEqualTo("https");
        assertThat(events)
                .as("events over TLS with Netty " + Version.identify().get("netty-handler"))
                .containsExactly(
                        "messageStart",
                        "contentBlockDelta",
                        "contentBlockDelta",
                        "contentBlockStop",
                        "messageStop",
                        "metadata");
    }

    @Test
    void mapsAnEndpointWhoseCertificateIsNotTrustedToUnavailable() {
        try (var bedrock = new BedrockFixture()) {
            var model = bedrock.models.model("bedrock", server.endpoint(), "us-east-1", BedrockFixture.CLAUDE);

            assertThatThrownBy(() -> model.generate(ask("Hi"), DeltaSink.IGNORE))
                    .isInstanceOfSatisfying(
                            ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.UNAVAILABLE));
        }
        assertThat(server.requests()).isEmpty();
    }
}
