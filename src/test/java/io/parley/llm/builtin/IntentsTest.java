package io.parley.llm.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntentsTest {

    @Test
    void recognisesAskingForAPerson() {
        assertThat(Intents.of("Can I talk to a real person?").wantsPerson()).isTrue();
        assertThat(Intents.of("I want to speak to an agent").wantsPerson()).isTrue();
        assertThat(Intents.of("Are you a human?").wantsPerson()).isTrue();
        assertThat(Intents.of("Human").wantsPerson()).isTrue();
    }

    @Test
    void doesNotMistakePeopleInAQuestionForAskingForAPerson() {
        assertThat(Intents.of("How many people fit in your tents?").wantsPerson())
                .isFalse();
        assertThat(Intents.of("Is this tent for one person?").wantsPerson()).isFalse();
    }

    @Test
    void recognisesGreetingsOnlyAtTheStartAndKeepsTheTimeOfDay() {
        assertThat(Intents.of("Good evening! Are you open?").timeOfDay()).contains("evening");
        assertThat(Intents.of("hey there").greeting()).isTrue();
        assertThat(Intents.of("Good day").timeOfDay()).isEqualTo(Optional.empty());
        assertThat(Intents.of("Do you say hi to dogs?").greeting()).isFalse();
    }

    @Test
    void recognisesThanksAndGoodbyes() {
        Intents intents = Intents.of("Thank you so much, bye!");

        assertThat(intents.thanks()).isTrue();
        assertThat(intents.goodbye()).isTrue();
    }
}
