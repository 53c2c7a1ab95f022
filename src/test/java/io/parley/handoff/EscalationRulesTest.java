package io.parley.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.handoff.Escalation.Reason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EscalationRulesTest {

    private static final String OFFER = "Would you like me to connect you with someone from our team?";
    private static final double NEUTRAL = 0.0;
    private static final double ANGRY = -0.6;

    private static Optional<Escalation> evaluate(EscalationSettings settings, CustomerTurn turn) {
        return EscalationRules.evaluate(settings, turn);
    }

    private static CustomerTurn says(String text) {
        return new CustomerTurn(text, NEUTRAL, null, 0, 0);
    }

    @Test
    void aCustomerAskingForAPersonIsHandedOver() {
        assertThat(evaluate(EscalationSettings.DEFAULT, says("Can I talk to a human please")))
                .contains(Escalation.of(Reason.CUSTOMER_ASKED));
        assertThat(evaluate(EscalationSettings.DEFAULT, says("Where is my order?")))
                .isEmpty();
    }

    @Test
    void aShortYesToTheAssistantsOfferIsHandedOver() {
        assertThat(evaluate(EscalationSettings.DEFAULT, new CustomerTurn("yes please", NEUTRAL, OFFER, 0, 0)))
                .contains(Escalation.of(Reason.ACCEPTED_OFFER));
        assertThat(evaluate(
                        EscalationSettings.DEFAULT,
                        new CustomerTurn("yes but where is my order?", NEUTRAL, OFFER, 0, 0)))
                .isEmpty();
        assertThat(evaluate(
                        EscalationSettings.DEFAULT,
                        new CustomerTurn("yes please", NEUTRAL, "Your parcel ships tomorrow. Anything else?", 0, 0)))
                .as("a yes to something else")
                .isEmpty();
    }

    @Test
    void neitherCountsWhenTheOrganizationTurnedAskingOff() {
        EscalationSettings off = new EscalationSettings(false, 3, 2, List.of(), List.of("en"));

        assertThat(evaluate(off, says("I want to talk to a person"))).isEmpty();
        assertThat(evaluate(off, new CustomerTurn("yes", NEUTRAL, OFFER, 0, 0))).isEmpty();
    }

    @Test
    void understandsTheOrganizationsLanguagesAndEnglish() {
        EscalationSettings german = new EscalationSettings(true, 3, 2, List.of(), List.of("de"));

        assertThat(evaluate(EscalationSettings.DEFAULT, says("Mitarbeiter bitte")))
                .isEmpty();
        assertThat(evaluate(german, says("Mitarbeiter bitte"))).contains(Escalation.of(Reason.CUSTOMER_ASKED));
        assertThat(evaluate(german, says("I want to talk to a person"))).contains(Escalation.of(Reason.CUSTOMER_ASKED));
        assertThat(evaluate(
                        german,
                        new CustomerTurn("Ja, gerne", NEUTRAL, "Soll ich Sie mit einem Mitarbeiter verbinden?", 0, 0)))
                .contains(Escalation.of(Reason.ACCEPTED_OFFER));
    }

    @Test
    void aKeywordIsHandedOverWithTheKeywordAsTheReason() {
        EscalationSettings settings = new EscalationSettings(true, 3, 2, List.of("lawyer", "refund*"), List.of());

        Optional<Escalation> escalation = evaluate(settings, says("My LAWYER will hear about this"));

        assertThat(escalation).contains(new Escalation(Reason.KEYWORD, "lawyer"));
        assertThat(escalation.get().sentence()).isEqualTo("The customer mentioned “lawyer”.");
        assertThat(evaluate(settings, says("was it refunded?"))).contains(new Escalation(Reason.KEYWORD, "refund*"));
    }

    @Test
    void theThirdNegativeMessageInARowIsHandedOver() {
        assertThat(evaluate(EscalationSettings.DEFAULT, new CustomerTurn("This is awful", ANGRY, null, 2, 0)))
                .isEmpty();

        Optional<Escalation> third =
                evaluate(EscalationSettings.DEFAULT, new CustomerTurn("Still awful", ANGRY, null, 3, 0));

        assertThat(third).contains(new Escalation(Reason.NEGATIVE_SENTIMENT, "3"));
        assertThat(third.get().sentence()).isEqualTo("Three negative messages in a row.");
    }

    @Test
    void negativeMeansACompoundScoreAtOrBelowMinusFivePercent() {
        assertThat(EscalationRules.isNegative(-0.05)).isTrue();
        assertThat(EscalationRules.isNegative(-0.049)).isFalse();
        assertThat(evaluate(EscalationSettings.DEFAULT, new CustomerTurn("meh", -0.04, null, 3, 0)))
                .as("a run the engine miscounted does not hand over a message that is not negative")
                .isEmpty();
    }

    @Test
    void repeatedFallbacksAreHandedOver() {
        Optional<Escalation> escalation =
                evaluate(EscalationSettings.DEFAULT, new CustomerTurn("ok", NEUTRAL, null, 0, 2));

        assertThat(escalation).contains(new Escalation(Reason.REPEATED_FALLBACK, "2"));
        assertThat(escalation.get().sentence()).isEqualTo("The assistant could not answer twice in a row.");
        assertThat(EscalationRules.afterFallbacks(EscalationSettings.DEFAULT, 1))
                .isEmpty();
        assertThat(EscalationRules.afterFallbacks(EscalationSettings.DEFAULT, 2))
                .isPresent();
    }

    @Test
    void aThresholdOfZeroTurnsItsRuleOff() {
        EscalationSettings off = new EscalationSettings(true, 0, 0, List.of(), List.of());

        assertThat(evaluate(off, new CustomerTurn("terrible", -1.0, null, 20, 20)))
                .isEmpty();
    }

    @Test
    void anAcceptedOfferWinsOverAKeywordAndAKeywordOverSentiment() {
        EscalationSettings settings = new EscalationSettings(true, 1, 1, List.of("refund", "yes"), List.of());

        assertThat(evaluate(settings, new CustomerTurn("yes", ANGRY, OFFER, 5, 5)))
                .map(Escalation::reason)
                .contains(Reason.ACCEPTED_OFFER);
        assertThat(evaluate(settings, new CustomerTurn("refund now!", ANGRY, null, 5, 5)))
                .map(Escalation::reason)
                .contains(Reason.KEYWORD);
        assertThat(evaluate(settings, new CustomerTurn("awful", ANGRY, null, 5, 5)))
                .map(Escalation::reason)
                .contains(Reason.NEGATIVE_SENTIMENT);
    }

    @Test
    void eachReasonHasAWireNameAndASentenceForTheTeam() {
        assertThat(Reason.CUSTOMER_ASKED.wireName()).isEqualTo("customer_asked");
        assertThat(Reason.fromWireName("model_requested")).contains(Reason.MODEL_REQUESTED);
        assertThat(Reason.fromWireName("nonsense")).isEmpty();
        assertThat(Escalation.of(Reason.CUSTOMER_ASKED).sentence()).isEqualTo("The customer asked for a person.");
        assertThat(Escalation.of(Reason.ACCEPTED_OFFER).sentence())
                .isEqualTo("The customer accepted the assistant's offer of a person.");
        assertThat(new Escalation(Reason.MODEL_REQUESTED, "billing dispute").sentence())
                .isEqualTo("The assistant handed the conversation over: billing dispute.");
        assertThat(Escalation.of(Reason.MODEL_REQUESTED).sentence())
                .isEqualTo("The assistant handed the conversation over.");
        assertThat(new Escalation(Reason.REPEATED_FALLBACK, "5").sentence())
                .isEqualTo("The assistant could not answer five times in a row.");
    }

    @Test
    void streaksCountRunsAndAnyOtherMessageEndsThem() {
        Streaks streaks = Streaks.NONE.afterCustomerMessage(ANGRY).afterCustomerMessage(ANGRY);
        assertThat(streaks.negativeMessages()).isEqualTo(2);
        assertThat(streaks.afterCustomerMessage(0.3).negativeMessages()).isZero();

        Streaks fallbacks = Streaks.NONE
                .afterAssistantReply(true)
                .afterCustomerMessage(NEUTRAL)
                .afterAssistantReply(true);
        assertThat(fallbacks.fallbacks())
                .as("customer messages between fallbacks do not end the run")
                .isEqualTo(2);
        assertThat(fallbacks.afterAssistantReply(false).fallbacks()).isZero();

        CustomerTurn turn = CustomerTurn.of(
                "awful",
                ANGRY,
                null,
                Streaks.NONE
                        .afterCustomerMessage(ANGRY)
                        .afterCustomerMessage(ANGRY)
                        .afterCustomerMessage(ANGRY));
        assertThat(evaluate(EscalationSettings.DEFAULT, turn))
                .map(Escalation::reason)
                .contains(Reason.NEGATIVE_SENTIMENT);
    }

    @Test
    void refusesATurnThatCannotBe() {
        assertThatThrownBy(() -> new CustomerTurn("x", 1.5, null, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomerTurn("x", Double.NaN, null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomerTurn("x", 0, null, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
