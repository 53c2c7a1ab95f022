package io.parley.llm.web;

import io.parley.llm.ModelStatus;
import io.parley.llm.OrganizationModels;
import io.parley.llm.OrganizationModels.InvalidChoiceException;
import io.parley.llm.OrganizationModels.Settings;
import io.parley.llm.OrganizationModels.TestResult;
import io.parley.llm.ProviderRegistry.OfferedProvider;
import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Which language model answers the organization's customers: what the server offers, the choice, a test call. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Language models")
class ModelController {

    private final OrganizationModels models;

    ModelController(OrganizationModels models) {
        this.models = models;
    }

    record ProviderView(String id, String type, String model, boolean offline, boolean tools, boolean acceptsOwnKey) {
        static ProviderView of(OfferedProvider p) {
            return new ProviderView(
                    p.id(), p.type().configName(), p.model(), p.offline(), p.tools(), p.acceptsOwnKey());
        }
    }

    record Providers(List<ProviderView> providers) {}

    record ModelView(
            String provider,
            String model,
            boolean apiKeySet,
            @Schema(description = "ready, misconfigured or circuit_open") String status,
            @Schema(description = "What the status means, in plain words") String statusDetail,
            @Schema(description = "false while the organization gets the server's default") boolean chosen) {

        static ModelView of(Settings s) {
            ModelStatus status = s.status();
            return new ModelView(
                    s.provider(), s.model(), s.apiKeySet(), status.state().wireName(), status.detail(), s.chosen());
        }
    }

    record ChooseModel(
            @NotBlank @Size(max = 64) String provider,
            @Size(max = 200) String model,
            @Schema(
                            description =
                                    "The organization's own key: write-only, stored encrypted, never returned. Omit to keep the stored one; an empty string removes it.",
                            accessMode = Schema.AccessMode.WRITE_ONLY)
                    @Size(max = 500)
                    String apiKey) {

        @Override
        public String toString() {
            return "ChooseModel[provider=%s, model=%s, apiKey=%s]"
                    .formatted(provider, model, apiKey == null ? null : "******");
        }
    }

    record TestPassed(boolean ok, String provider, String model, long latencyMs) {}

    @GetMapping("/providers")
    @Operation(summary = "The language model providers this server offers")
    Providers providers() {
        return new Providers(models.offered().stream().map(ProviderView::of).toList());
    }

    @GetMapping("/organization/model")
    @Operation(summary = "The organization's language model and whether it answers")
    ModelView model(SignedInMember member) {
        return ModelView.of(models.settings(member.organization()));
    }

    @PutMapping("/organization/model")
    @Operation(summary = "Choose the organization's language model, and optionally bring its own API key")
    ModelView choose(SignedInMember member, @Valid @RequestBody ChooseModel body) {
        try {
            return ModelView.of(models.choose(member.organization(), body.provider(), body.model(), body.apiKey()));
        } catch (InvalidChoiceException e) {
            throw ProblemException.invalid(e.field(), e.getMessage());
        }
    }

    @PostMapping("/organization/model/test")
    @Operation(
            summary = "Test the organization's model with a tiny request",
            description = "200 when it answered; 422 with a plain-words detail (bad key, unknown model, unreachable)"
                    + " when it did not.")
    TestPassed test(SignedInMember member) {
        TestResult result = models.test(member.organization());
        if (!result.ok()) {
            throw ProblemType.MODEL_TEST_FAILED.exception(
                    "The provider '%s' did not answer: %s".formatted(result.provider(), result.problem()));
        }
        return new TestPassed(true, result.provider(), result.model(), result.latencyMs());
    }
}
