package io.parley.llm.bedrock;

import io.parley.llm.LanguageModel;
import io.parley.llm.LanguageModelContract;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract over Bedrock's default model, Meta Llama: text streams through ConverseStream, and requests with tools
 * go through Converse.
 */
class BedrockLanguageModelTest extends LanguageModelContract {

    private final BedrockFixture bedrock = new BedrockFixture();
    private final LanguageModel model = bedrock.model(BedrockFixture.LLAMA);

    @AfterEach
    void stop() {
        bedrock.close();
    }

    @Override
    protected LanguageModel model() {
        return model;
    }

    @Override
    protected Optional<StandIn> standIn() {
        return Optional.of(new BedrockStandIn(bedrock.server));
    }
}
