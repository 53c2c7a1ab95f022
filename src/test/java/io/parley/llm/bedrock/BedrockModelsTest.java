package io.parley.llm.bedrock;

import static io.parley.testing.ModelRequests.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelCapabilities;
import io.parley.llm.ModelException;
import io.parley.testing.BedrockScript;
import io.parley.testing.ModelRequests;
import io.parley.testing.RecordedBedrockRequest;
import io.parley.testing.ScriptedBedrockServer;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

/** The factory: credentials, signing, region and endpoint, and the HTTP version streams need. */
class BedrockModelsTest {

    private final BedrockFixture bedrock = new BedrockFixture();
    private final Map<String, String> savedProperties = new HashMap<>();

    @AfterEach
    void stop() {
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        bedrock.close();
    }

    @Test
    void declaresStreamingWithToolsAndItsProviderId() {
        LanguageModel model = bedrock.model(BedrockFixture.LLAMA);

        assertThat(model.capabilities()).isEqualTo(ModelCapabilities.STREAMING_WITH_TOOLS);
        assertThat(model.id()).isEqualTo("bedrock");
    }

    @Test
    void signsEachRequestWithSigV4ForTheRegionAndNeverSendsTheSecret() {
        bedrock.model(BedrockFixture.CLAUDE).generate(ask("Hi"), DeltaSink.IGNORE);
        bedrock.models
                .model("eu", bedrock.server.endpoint(), "eu-west-3", BedrockFixture.LLAMA)
                .generate(ask("Hi").withTools(List.of(ModelRequests.FIND_ORDER)), DeltaSink.IGNORE);

        List<RecordedBedrockRequest> received = bedrock.server.requests();
        assertThat(received.get(0).authorization().orElseThrow())
                .startsWith("AWS4-HMAC-SHA256 Credential=" + BedrockFixture.ACCESS_KEY + "/")
                .contains("/us-east-1/bedrock/aws4_request", "SignedHeaders=", "Signature=");
        assertThat(received.get(1).authorization().orElseThrow()).contains("/eu-west-3/bedrock/aws4_request");
        assertThat(received).allSatisfy(request -> {
            assertThat(request.header("x-amz-date")).isPresent();
            assertThat(request.headers().toString()).doesNotContain(BedrockFixture.SECRET_KEY);
            assertThat(request.bodyText()).doesNotContain(BedrockFixture.SECRET_KEY);
        });
    }

    @Test
    void takesCredentialsFromTheDefaultChainInProduction() {
        setProperty("aws.accessKeyId", "AKIDFROMSYSTEMPROPS");
        setProperty("aws.secretAccessKey", "SECRET-from-system-properties");
        try (var models = new BedrockModels()) {
            models.model("bedrock", bedrock.server.endpoint(), "us-east-1", BedrockFixture.CLAUDE)
                    .generate(ask("Hi"), DeltaSink.IGNORE);
        }

        assertThat(bedrock.server.lastRequest().authorization().orElseThrow())
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDFROMSYSTEMPROPS/");
    }

    @Test
    void takesTheRegionFromTheDefaultRegionChainWhenNoneIsConfigured() {
        setProperty("aws.region", "ap-southeast-2");

        bedrock.models
                .model("bedrock", bedrock.server.endpoint(), null, BedrockFixture.CLAUDE)
                .generate(ask("Hi"), DeltaSink.IGNORE);

        assertThat(bedrock.server.lastRequest().authorization().orElseThrow())
                .contains("/ap-southeast-2/bedrock/aws4_request");
    }

    @Test
    void refusesToCreateAModelWithoutAnyRegionNamingThePropertyToSet() {
        assumeThat(System.getenv("AWS_REGION")).as("AWS_REGION is set here").isNull();
        assumeThat(System.getenv("AWS_DEFAULT_REGION"))
                .as("AWS_DEFAULT_REGION is set here")
                .isNull();
        setProperty("aws.region", null);
        setProperty("aws.configFile", "/nonexistent/parley-test-aws-config");
        setProperty("aws.disableEc2Metadata", "true");

        assertThatThrownBy(() -> bedrock.models.model("claude", bedrock.server.endpoint(), null, BedrockFixture.CLAUDE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parley.llm.providers.claude.region");
    }

    @Test
    void refusesAnEndpointThatIsNotHttpOrHttps() {
        assertThatThrownBy(() -> bedrock.models.model(
                        "bedrock", URI.create("ftp://bedrock.example"), "us-east-1", BedrockFixture.LLAMA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http or https");
    }

    @Test
    void refusesABlankModelId() {
        assertThatThrownBy(() -> bedrock.models.model("bedrock", null, "us-east-1", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(BedrockModels.DEFAULT_MODEL);
    }

    @Test
    void createsModelsForAwsOwnEndpointWithoutConnectingAnywhere() {
        LanguageModel model = bedrock.models.model("bedrock", null, "us-west-2", BedrockModels.DEFAULT_MODEL);

        assertThat(model.id()).isEqualTo("bedrock");
        assertThat(bedrock.server.requests()).isEmpty();
    }

    @Test
    void servesModelsOfSeveralRegionsAndEndpointsFromOneFactory() {
        try (var other = ScriptedBedrockServer.start()) {
            bedrock.model(BedrockFixture.CLAUDE).generate(ask("One"), DeltaSink.IGNORE);
            bedrock.models
                    .model("other", other.endpoint(), "us-west-2", BedrockFixture.CLAUDE)
                    .generate(ask("Two"), DeltaSink.IGNORE);
            bedrock.model(BedrockFixture.LLAMA).generate(ask("Three"), DeltaSink.IGNORE);

            assertThat(bedrock.server.requests()).hasSize(2);
            assertThat(other.lastRequest().authorization().orElseThrow()).contains("/us-west-2/");
        }
    }

    @Test
    void failsCallsAfterTheFactoryIsClosed() {
        LanguageModel model = bedrock.model(BedrockFixture.CLAUDE);
        bedrock.models.close();

        assertThatThrownBy(() -> model.generate(ask("Hi"), DeltaSink.IGNORE)).isInstanceOf(ModelException.class);
        assertThatThrownBy(() -> bedrock.models.model("bedrock", null, "us-east-1", BedrockFixture.CLAUDE))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * The control for the adapter's HTTP/1.1 choice: the SDK's async client over HTTP/2 (its default for Bedrock
     * Runtime) gets no stream from a plain-http endpoint that speaks HTTP/1.1, where the adapter streams fine.
     */
    @Test
    void streamingNeedsHttp11AgainstAPlainHttpEndpoint() throws Exception {
        var received = new CompletableFuture<Boolean>();
        try (var http2 = NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP2)
                        .build();
                var client = BedrockRuntimeAsyncClient.builder()
                        .httpClient(http2)
                        .endpointOverride(bedrock.server.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(BedrockFixture.ACCESS_KEY, BedrockFixture.SECRET_KEY)))
                        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(3)))
                        .build()) {
            var request = ConverseStreamRequest.builder()
                    .modelId(BedrockFixture.CLAUDE)
                    .messages(Message.builder()
                            .role(ConversationRole.USER)
                            .content(ContentBlock.fromText("Hi"))
                            .build())
                    .build();
            var handler = ConverseStreamResponseHandler.builder()
                    .subscriber(event -> received.complete(true))
                    .onError(error -> received.complete(false))
                    .build();
            client.converseStream(request, handler)
                    .handle((ignored, error) -> received.complete(false))
                    .get(10, TimeUnit.SECONDS);
        }
        assertThat(received.get(1, TimeUnit.SECONDS))
                .as("an HTTP/2 client got events")
                .isFalse();

        String text = bedrock.model(BedrockFixture.CLAUDE)
                .generate(ask("Hi"), DeltaSink.IGNORE)
                .text();

        assertThat(text).isEqualTo(BedrockScript.echoOf("Hi"));
    }

    private void setProperty(String name, String value) {
        savedProperties.putIfAbsent(name, System.getProperty(name));
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
