package io.parley.llm.bedrock;

import io.parley.llm.LanguageModelContract;
import io.parley.llm.LanguageModelContract.Failure;
import io.parley.testing.BedrockScript;
import io.parley.testing.ScriptedBedrockServer;
import java.time.Duration;

/** The contract's stand-in for Bedrock Runtime: {@link ScriptedBedrockServer}, scripted call by call. */
final class BedrockStandIn implements LanguageModelContract.StandIn {

    private final ScriptedBedrockServer server;

    BedrockStandIn(ScriptedBedrockServer server) {
        this.server = server;
    }

    @Override
    public void reply(String text) {
        server.script(BedrockScript.reply(text).inChunks(4));
    }

    @Override
    public void toolCall(String id, String name, String arguments) {
        server.script(BedrockScript.toolCall(id, name, arguments));
    }

    @Override
    public void fail(Failure failure) {
        server.script(
                switch (failure) {
                    case UNAUTHORIZED -> BedrockScript.unrecognizedClient();
                    case UNKNOWN_MODEL -> BedrockScript.unknownModel();
                    case THROTTLED -> BedrockScript.throttled();
                    case SERVER_ERROR -> BedrockScript.serviceUnavailable();
                    case BROKEN_STREAM ->
                        BedrockScript.reply("first second third").inChunks(3).stopAfter(1);
                });
    }

    @Override
    public void stall() {
        server.script(BedrockScript.hang());
    }

    @Override
    public void awaitCalls(int count) {
        server.awaitRequests(count, Duration.ofSeconds(5));
    }

    @Override
    public String lastRequestBody() {
        return server.lastRequest().bodyText();
    }
}
