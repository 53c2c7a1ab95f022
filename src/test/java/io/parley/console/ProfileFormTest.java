package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.tenant.BusinessProfile;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProfileFormTest {

    @Test
    void listsAreTheNonBlankLinesStripped() {
        ProfileForm form = new ProfileForm("Shop", "", "  one \r\n\n two\n   \n", null, null, null, null);

        BusinessProfile profile = form.toProfile();

        assertThat(profile.rules()).containsExactly("one", "two");
        assertThat(profile.guidelines()).isEmpty();
        assertThat(form.problems()).isEmpty();
    }

    @Test
    void aSavedProfileReadsBackAsTheSameForm() {
        BusinessProfile profile = new BusinessProfile(
                "Shop", "We sell bikes.", List.of("a", "b"), List.of("c"), List.of(), "Warm", "Sorry.");

        assertThat(ProfileForm.of(profile).toProfile()).isEqualTo(profile);
    }

    @Test
    void namesTheFieldAndTheLimitThatIsBroken() {
        String tooMany =
                IntStream.rangeClosed(1, 51).mapToObj(i -> "guideline " + i).collect(Collectors.joining("\n"));
        ProfileForm form = new ProfileForm(
                "", "d".repeat(4001), "ok\n" + "r".repeat(501), tooMany, null, "t".repeat(301), "f".repeat(601));

        assertThat(form.problems())
                .containsEntry("businessName", "Enter the name customers know you by.")
                .containsEntry("description", "This is 4001 characters long; it can have at most 4000.")
                .containsEntry("rules", "Rule 2 is 501 characters long; each rule can have at most 500.")
                .containsEntry("guidelines", "There are 51 guidelines; there can be at most 50.")
                .containsEntry("tone", "This is 301 characters long; it can have at most 300.")
                .containsEntry("fallbackMessage", "This is 601 characters long; it can have at most 600.")
                .doesNotContainKey("values");
    }
}
