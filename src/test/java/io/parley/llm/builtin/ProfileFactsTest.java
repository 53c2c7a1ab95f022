package io.parley.llm.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.Grounding;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileFactsTest {

    @Test
    void keepsRulesAndDescriptionSentencesThatStateFacts() {
        Grounding shop = new Grounding(
                "Trailhead",
                "Trailhead sells tents. We ship from Denver.",
                List.of("Returns are accepted within 30 days.", "Only unused items can be returned."),
                List.of("Exchanges are free."),
                List.of("We repair before we replace."),
                "warm",
                "Sorry.");

        assertThat(ProfileFacts.of(shop))
                .containsExactly(
                        "Returns are accepted within 30 days.",
                        "Only unused items can be returned.",
                        "Trailhead sells tents.",
                        "We ship from Denver.");
    }

    @Test
    void recognisesInstructionsToTheAssistant() {
        assertThat(List.of(
                        "Never promise discounts, price matches or delivery dates beyond the published shipping times.",
                        "Never ask for or accept card numbers or passwords in the chat.",
                        "If an order is late, apologise and offer to connect the customer with a person.",
                        "For sizing questions, point to the size guide on each product page.",
                        "Don't discuss competitors.",
                        "Only answer questions about our products.",
                        "The assistant must not give medical advice.",
                        "You should always greet the customer by name."))
                .allMatch(ProfileFacts::isInstruction);
    }

    @Test
    void doesNotMistakeFactsForInstructions() {
        assertThat(List.of(
                        "Returns are accepted within 30 days of delivery.",
                        "Standard shipping is free on orders over $75.",
                        "Only unused items can be returned.",
                        "For orders over $75, shipping is free.",
                        "Orders can be cancelled until they ship; after that, the customer can return them.",
                        "Our support team answers every day from 8 am to 8 pm."))
                .noneMatch(ProfileFacts::isInstruction);
    }
}
