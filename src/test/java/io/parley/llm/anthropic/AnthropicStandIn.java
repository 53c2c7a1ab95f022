package io.parley.llm.anthropic;

import io.parley.llm.LanguageModelContract;
import io.parley.llm.LanguageModelContract.Failure;
import io.parley.testing.AnthropicScript;
import io.parley.testing.ScriptedAnthropicServer;
import java.time.Duration;

/** The contract's stand-in for Anthropic: {@link ScriptedAnthropicServer}, scripted call by call. */
final class AnthropicStandIn implements LanguageModelContract.StandIn {

    private final ScriptedAnthropicServer server;

    AnthropicStandIn(ScriptedAnthropicServer server) {
        this.server = server;
    }

    @Override
    public void reply(String text) {
        server.script(AnthropicScript.reply(text).inChunks(4));
    }

    @Override
    public void toolCall(String id, String name, String arguments) {
        server.script(AnthropicScript.toolCall(id, name, arguments));
    }

    @Override
    public void fail(Failure failure) {
        server.script(
                switch (failure) {
                    case UNAUTHORIZED -> AnthropicScript.error(401, "authentication_error");
                    case UNKNOWN_MODEL -> AnthropicScript.error(404, "not_found_error");
                    case THROTTLED -> AnthropicScript.rateLimited("1");
                    case SERVER_ERROR -> AnthropicScript.error(500, "api_error");
                    case BROKEN_STREAM ->
                        AnthropicScript.reply("first second third").inChunks(3).dropAfter(1);
                });
    }

    @Override
    public void stall() {
        server.script(AnthropicScript.hang());
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
