package io.parley.llm.gemini;

import io.parley.llm.LanguageModelContract;
import io.parley.llm.LanguageModelContract.Failure;
import io.parley.testing.GeminiScript;
import io.parley.testing.ScriptedGeminiServer;
import java.time.Duration;

/** The contract's stand-in for Gemini: {@link ScriptedGeminiServer}, scripted call by call. */
final class GeminiStandIn implements LanguageModelContract.StandIn {

    private final ScriptedGeminiServer server;

    GeminiStandIn(ScriptedGeminiServer server) {
        this.server = server;
    }

    @Override
    public void reply(String text) {
        server.script(GeminiScript.reply(text).inChunks(4));
    }

    @Override
    public void toolCall(String id, String name, String arguments) {
        server.script(GeminiScript.toolCall(id, name, arguments));
    }

    @Override
    public void fail(Failure failure) {
        server.script(
                switch (failure) {
                    // Gemini answers a key it does not know with 400 and the reason API_KEY_INVALID, not 401.
                    case UNAUTHORIZED -> GeminiScript.error(400, "INVALID_ARGUMENT", "API_KEY_INVALID");
                    case UNKNOWN_MODEL -> GeminiScript.error(404, "NOT_FOUND");
                    case THROTTLED -> GeminiScript.rateLimited("1s");
                    case SERVER_ERROR -> GeminiScript.error(503, "UNAVAILABLE");
                    case BROKEN_STREAM ->
                        GeminiScript.reply("first second third").inChunks(3).dropAfter(1);
                });
    }

    @Override
    public void stall() {
        server.script(GeminiScript.hang());
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
