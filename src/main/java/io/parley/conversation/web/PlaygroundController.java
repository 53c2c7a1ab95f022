package io.parley.conversation.web;

import io.parley.conversation.ChatEngine;
import io.parley.conversation.ChatSettings;
import io.parley.conversation.Citation;
import io.parley.conversation.SendRejectedException;
import io.parley.llm.ChatMessage;
import io.parley.llm.Prices;
import io.parley.tenant.Organizations;
import io.parley.tenant.ProfileForm;
import io.parley.tenant.ProfileVersion;
import io.parley.tenant.SignedInMember;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The playground: a member sends the assistant a test message, as configured or with an unsaved draft of the profile,
 * and sees the reply with the model, tokens, cost and latency. Nothing is stored as a conversation; the model call is
 * counted in the organization's usage, as it is paid for.
 */
@RestController
@RequestMapping("/api/v1/admin/playground")
@Tag(name = "Playground")
class PlaygroundController {

    static final int MAX_HISTORY = 40;

    private final ChatEngine engine;
    private final Organizations organizations;

    PlaygroundController(ChatEngine engine, Organizations organizations) {
        this.engine = engine;
        this.organizations = organizations;
    }

    record Turn(
            @NotNull @Pattern(regexp = "customer|assistant", message = "must be customer or assistant") String role,
            @NotNull @Size(max = ChatSettings.MAX_MESSAGE_LENGTH) String content) {}

    record TryRequest(
            @NotNull @Size(max = 100_000) String message,
            @Valid @Size(max = MAX_HISTORY) List<@Valid @NotNull Turn> history,
            @Schema(description = "An unsaved draft of the profile to answer with; the saved profile when omitted")
                    @Valid
                    ProfileForm profile) {}

    record UsageView(long inputTokens, long outputTokens, long cachedInputTokens, boolean estimated) {}

    record ToolCallView(String name, String arguments) {}

    record TryReply(
            String reply,
            @Schema(description = "The provider that answered; empty when the fallback message was sent")
                    String provider,
            String model,
            UsageView usage,
            BigDecimal cost,
            String currency,
            long latencyMs,
            @Schema(description = "The knowledge base passages the reply used, with the marker ([1]) that cites each")
                    List<Citation> citations,
            List<ToolCallView> toolCalls,
            @Schema(description = "false when no model answered and the reply is the fallback message")
                    boolean answered,
            @Schema(description = "true when the reply used the unsaved draft") boolean draft) {}

    @PostMapping
    @Operation(summary = "Try the assistant with a test message, as configured or with an unsaved profile draft")
    TryReply tryOut(SignedInMember member, @Valid @RequestBody TryRequest request) {
        ProfileVersion profile = request.profile() == null
                ? organizations.currentProfile(member.organization())
                : organizations.draft(member.organization(), request.profile().toProfile());
        List<ChatMessage> history = request.history() == null
                ? List.of()
                : request.history().stream()
                        .filter(turn -> !turn.content().isBlank())
                        .map(turn -> turn.role().equals("customer")
                                ? ChatMessage.customer(turn.content())
                                : ChatMessage.assistant(turn.content()))
                        .toList();
        ChatEngine.TryOut tried;
        try {
            tried = engine.tryOut(member.organization(), profile, history, request.message());
        } catch (SendRejectedException e) {
            throw Rejections.problem(e);
        }
        return new TryReply(
                tried.reply(),
                tried.provider(),
                tried.model(),
                new UsageView(
                        tried.usage().inputTokens(),
                        tried.usage().outputTokens(),
                        tried.usage().cachedInputTokens(),
                        tried.usage().estimated()),
                tried.cost(),
                Prices.CURRENCY,
                tried.latency().toMillis(),
                tried.citations(),
                tried.toolCalls().stream()
                        .map(call -> new ToolCallView(call.name(), call.arguments()))
                        .toList(),
                tried.answered(),
                request.profile() != null);
    }
}
