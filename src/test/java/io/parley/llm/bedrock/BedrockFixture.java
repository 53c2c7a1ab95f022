package io.parley.llm.bedrock;

import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.testing.ModelRequests;
import io.parley.testing.ScriptedBedrockServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** A scripted Bedrock server and models pointed at it with static test credentials; close it after each test. */
final class BedrockFixture implements AutoCloseable {

    static final String ACCESS_KEY = "AKIDPARLEYTEST";
    static final String SECRET_KEY = "SECRET-parley-test-key";
    static final String REGION = "us-east-1";
    static final String LLAMA = BedrockModels.DEFAULT_MODEL;
    static final String LLAMA_PROFILE = "us.meta.llama3-3-70b-instruct-v1:0";
    static final String CLAUDE = "anthropic.claude-3-5-haiku-20241022-v1:0";

    private static final AtomicBoolean WARM = new AtomicBoolean();

    final ScriptedBedrockServer server;
    final BedrockModels models;

    BedrockFixture() {
        warmUpOnce();
        server = ScriptedBedrockServer.start();
        models = new BedrockModels(credentials());
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /**
     * The SDK's first calls in a JVM load thousands of classes, which on a busy build machine takes seconds: longer
     * than the short timeouts some tests use to prove a deadline holds. One streamed and one whole call, once per
     * JVM, keep that cost out of the tests.
     */
    private static void warmUpOnce() {
        if (!WARM.compareAndSet(false, true)) {
            return;
        }
        try (var server = ScriptedBedrockServer.start();
                var models = new BedrockModels(credentials())) {
            var model = models.model("warm-up", server.endpoint(), REGION, LLAMA);
            model.generate(ModelRequests.ask("Hello"), DeltaSink.IGNORE);
            model.generate(ModelRequests.ask("Hello").withTools(List.of(ModelRequests.FIND_ORDER)), DeltaSink.IGNORE);
        }
    }

    /** A model with this id served by the scripted server, under the provider id "bedrock". */
    LanguageModel model(String modelId) {
        return models.model("bedrock", server.endpoint(), REGION, modelId);
    }

    @Override
    public void close() {
        models.close();
        server.close();
    }
}
