package io.parley.llm.openaisdk;

import io.parley.llm.LanguageModelContract;
import io.parley.llm.LanguageModelContract.Failure;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ScriptedOpenAiServer;
import java.time.Duration;

/** The contract's stand-in for OpenAI-compatible servers: {@link ScriptedOpenAiServer}, scripted call by call. */
final class OpenAiSdkStandIn implements LanguageModelContract.StandIn {

    private static final String ERROR_BODY =
            "{\"error\":{\"message\":\"" + LanguageModelContract.PROVIDER_DETAIL + " went wrong\"}}";

    private final ScriptedOpenAiServer server;

    OpenAiSdkStandIn(ScriptedOpenAiServer server) {
        this.server = server;
    }

    @Override
    public void reply(String text) {
        server.script(OpenAiScript.reply(text).inChunks(4));
    }

    @Override
    public void toolCall(String id, String name, String arguments) {
        server.script(OpenAiScript.toolCall(id, name, arguments));
    }

    @Override
    public void fail(Failure failure) {
        server.script(
                switch (failure) {
                    case UNAUTHORIZED -> OpenAiScript.status(401, ERROR_BODY);
                    case UNKNOWN_MODEL -> OpenAiScript.status(404, ERROR_BODY);
                    case THROTTLED -> OpenAiScript.rateLimited("1");
                    case SERVER_ERROR -> OpenAiScript.status(503, ERROR_BODY);
                    case BROKEN_STREAM ->
                        OpenAiScript.reply("first second third").inChunks(3).stopAfter(1);
                });
    }

    @Override
    public void stall() {
        server.script(OpenAiScript.hang());
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
