package io.parley.llm.bedrock;

import io.parley.llm.LanguageModel;
import io.parley.testing.ScriptedBedrockServer;
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

    final ScriptedBedrockServer server = ScriptedBedrockServer.start();
    final BedrockModels models =
            new BedrockModels(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));

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
