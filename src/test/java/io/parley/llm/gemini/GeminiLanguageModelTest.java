package io.parley.llm.gemini;

import io.parley.llm.LanguageModel;
import io.parley.llm.LanguageModelContract;
import io.parley.testing.ScriptedGeminiServer;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

class GeminiLanguageModelTest extends LanguageModelContract {

    static final String KEY = "AIza-test-SECRET-KEY";

    private final ScriptedGeminiServer server = ScriptedGeminiServer.start();
    private final GeminiModels models = new GeminiModels();
    private final LanguageModel model = models.model("gemini", server.baseUrl(), KEY, "gemini-test");

    @AfterEach
    void stop() {
        models.close();
        server.close();
    }

    @Override
    protected LanguageModel model() {
        return model;
    }

    @Override
    protected Optional<StandIn> standIn() {
        return Optional.of(new GeminiStandIn(server));
    }
}
