package io.parley.conversation.web;

import io.parley.conversation.ChatEngine;
import io.parley.conversation.ConfirmationNotOpenException;
import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationId;
import io.parley.conversation.ConversationNotFoundException;
import io.parley.conversation.Customer;
import io.parley.conversation.Feedback;
import io.parley.conversation.Message;
import io.parley.conversation.MessageId;
import io.parley.conversation.Visitor;
import io.parley.conversation.VisitorId;
import io.parley.llm.LlmProperties;
import io.parley.tenant.Organization;
import io.parley.tenant.Organizations;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The customers' REST API: the same conversations as the WebSocket, one request per message. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Customers")
class CustomerController {

    private final ChatEngine engine;
    private final Organizations organizations;
    private final VisitorAuthentication visitors;
    private final CustomerOrigins origins;
    private final ConversationStarts starts;
    private final Duration ackTimeout;
    private final Duration replyTimeout;
    private final Clock clock;

    CustomerController(
            ChatEngine engine,
            Organizations organizations,
            VisitorAuthentication visitors,
            CustomerOrigins origins,
            ConversationStarts starts,
            io.parley.conversation.ChatSettings settings,
            LlmProperties llm,
            Clock clock) {
        this.engine = engine;
        this.organizations = organizations;
        this.visitors = visitors;
        this.origins = origins;
        this.starts = starts;
        this.ackTimeout = settings.ackTimeout();
        this.replyTimeout = llm.timeout().plusSeconds(5);
        this.clock = clock;
    }

    record CustomerDetails(
            @NotBlank @Size(max = 200) String id,
            @Size(max = 320) String email,
            @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be hex(HMAC-SHA256(secret, id))")
                    String signature) {}

    record StartRequest(@NotBlank @Size(max = 64) String siteKey, @Valid CustomerDetails customer) {}

    record Started(String conversationId, String visitorToken) {}

    record ConversationView(
            String id,
            String status,
            Instant startedAt,
            Instant lastMessageAt,
            long messageCount,
            boolean verifiedCustomer) {

        static ConversationView of(Conversation c) {
            return new ConversationView(
                    c.id().value(),
                    c.status().wireName(),
                    c.startedAt(),
                    c.lastMessageAt(),
                    c.messageCount(),
                    c.customer() != null);
        }
    }

    record SendRequest(@NotNull @Size(max = 100_000) String message, @Size(max = 100) String clientMessageId) {}

    /**
     * @param reply the assistant's reply; when the conversation is (or just went) to people, the notice saying so, or
     *     null: their messages arrive through the WebSocket or {@code GET …/messages}
     */
    record Exchange(MessageView message, MessageView reply) {}

    record RatingRequest(
            @NotNull @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(5) Integer score,
            @Size(max = 2000) String comment) {}

    record ContactRequest(
            @NotNull @jakarta.validation.constraints.Email(message = "must be an email address") @Size(max = 320)
                    String email) {}

    record Messages(List<MessageView> messages) {}

    record FeedbackRequest(
            @NotNull @Pattern(regexp = "up|down", message = "must be \"up\" or \"down\"") String rating,
            @Size(max = 2000) String comment) {}

    @PostMapping("/conversations/start")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start (or, for a verified customer, resume) a conversation and get a visitor token")
    Started start(
            @Valid @RequestBody StartRequest request,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(value = HttpHeaders.ORIGIN, required = false) String origin,
            HttpServletRequest http) {
        Organization organization = organizations
                .bySiteKey(request.siteKey())
                .orElseThrow(() -> ProblemType.NOT_FOUND.exception("No organization has this site key."));
        checkOrigin(organization, origin, http);
        Optional<Visitor> known = Optional.ofNullable(authorization)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .flatMap(h -> visitors.verify(h.substring(7).strip()))
                .filter(v -> v.organization().equals(organization.id()));
        VisitorId visitorId = known.map(Visitor::id).orElseGet(VisitorId::generate);
        Conversation conversation;
        Visitor visitor;
        if (request.customer() != null) {
            CustomerDetails details = request.customer();
            if (!organizations.isSignedCustomer(organization.id(), details.id(), details.signature())) {
                throw ProblemType.UNAUTHORIZED.exception(
                        "The customer's signature does not match. Sign the customer id with your organization's secret.");
            }
            visitor = new Visitor(organization.id(), visitorId, details.id());
            conversation = engine.resumeOrStart(
                    visitor,
                    new Customer(details.id(), details.email(), details.name()),
                    () -> starts.admit(organization.id(), http.getRemoteAddr()));
        } else {
            visitor = new Visitor(
                    organization.id(), visitorId, known.map(Visitor::customerId).orElse(null));
            starts.admit(organization.id(), http.getRemoteAddr());
            conversation = engine.start(visitor, null);
        }
        return new Started(conversation.id().value(), visitors.issue(visitor));
    }

    @GetMapping("/conversations/{id}")
    @Operation(summary = "One of the visitor's conversations")
    ConversationView conversation(Visitor visitor, @PathVariable String id) {
        return ConversationView.of(engine.find(visitor, conversationId(id)).orElseThrow(CustomerController::notFound));
    }

    @PostMapping("/conversations/{id}/messages")
    @Operation(
            summary =
                    "Send a message and wait for the assistant's reply; resending a clientMessageId returns the first result")
    Exchange send(
            Visitor visitor,
            @PathVariable String id,
            @Valid @RequestBody SendRequest request,
            @RequestHeader(value = HttpHeaders.ORIGIN, required = false) String origin,
            HttpServletRequest http) {
        ConversationId conversationId = conversationId(id);
        checkOrigin(visitor, origin, http);
        ChatEngine.Posted posted =
                engine.post(visitor, conversationId, request.message(), request.clientMessageId(), null);
        Message stored = await(posted.stored(), ackTimeout, Rejections::notSavedYet);
        Message reply = await(
                engine.replyTo(visitor, stored),
                replyTimeout,
                () -> ProblemType.UNAVAILABLE.exception(
                        "Your message is saved, but the reply is taking too long. Fetch the messages again shortly.",
                        Duration.ofSeconds(5)));
        return new Exchange(MessageView.of(stored), reply == null ? null : MessageView.of(reply));
    }

    @GetMapping("/conversations/{id}/messages")
    @Operation(summary = "Every message of the conversation, in order")
    Messages messages(Visitor visitor, @PathVariable String id) {
        return new Messages(MessageView.of(engine.messages(visitor, conversationId(id))));
    }

    /** A change the assistant proposed, waiting for the customer's decision. */
    record ConfirmationView(String id, String tool, String summary, JsonNode arguments) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Confirmations(List<ConfirmationView> items) {}

    record DecisionRequest(String decision) {}

    @GetMapping("/conversations/{id}/confirmations")
    @Operation(
            summary = "Changes the assistant proposed that wait for the customer's decision (REST clients; the"
                    + " WebSocket sends them as confirmation frames)")
    Confirmations confirmations(Visitor visitor, @PathVariable String id) {
        try {
            return new Confirmations(engine.openConfirmations(visitor, conversationId(id)).stream()
                    .map(c -> new ConfirmationView(c.id(), c.tool(), c.summary(), JSON.readTree(c.arguments())))
                    .toList());
        } catch (ConversationNotFoundException e) {
            throw notFound();
        }
    }

    @PostMapping("/conversations/{id}/confirmations/{confirmationId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "The customer's decision on a proposed change: \"yes\" runs it once, \"no\" changes nothing;"
                    + " the assistant's reply follows as a message")
    void decide(
            Visitor visitor,
            @PathVariable String id,
            @PathVariable String confirmationId,
            @RequestBody(required = false) DecisionRequest request) {
        String decision = request == null ? null : request.decision();
        if (!"yes".equals(decision) && !"no".equals(decision)) {
            throw ProblemException.invalid("decision", "must be \"yes\" or \"no\"");
        }
        try {
            engine.confirm(visitor, conversationId(id), confirmationId, decision.equals("yes"));
        } catch (ConversationNotFoundException e) {
            throw notFound();
        } catch (ConfirmationNotOpenException e) {
            throw ProblemType.NOT_FOUND.exception(
                    "There is no open confirmation with this id in this conversation: it was already decided, it"
                            + " expired when a new message was sent, or it belongs elsewhere.");
        }
    }

    @PutMapping("/messages/{id}/feedback")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Rate a reply")
    void feedback(Visitor visitor, @PathVariable String id, @Valid @RequestBody FeedbackRequest request) {
        MessageId messageId = messageId(id);
        Feedback feedback = new Feedback(
                Feedback.Rating.valueOf(request.rating().toUpperCase(java.util.Locale.ROOT)),
                request.comment() == null || request.comment().isBlank()
                        ? null
                        : request.comment().strip(),
                clock.instant());
        try {
            if (!engine.rate(visitor, messageId, feedback)) {
                throw ProblemException.invalid("id", "Only replies can be rated.");
            }
        } catch (ConversationNotFoundException e) {
            throw ProblemType.NOT_FOUND.exception("There is no such message in your conversations.");
        }
    }

    @PutMapping("/conversations/{id}/rating")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Rate a resolved conversation, 1 to 5, with an optional comment (again to change it)")
    void rate(Visitor visitor, @PathVariable String id, @Valid @RequestBody RatingRequest request) {
        try {
            if (!engine.rateConversation(visitor, conversationId(id), request.score(), request.comment())) {
                throw ProblemType.NOT_RESOLVED.exception("A conversation can be rated once it is resolved.");
            }
        } catch (ConversationNotFoundException e) {
            throw notFound();
        }
    }

    @PutMapping("/conversations/{id}/contact")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Leave an email address for the team to reach you when nobody can answer now")
    void contact(Visitor visitor, @PathVariable String id, @Valid @RequestBody ContactRequest request) {
        if (request.email().isBlank()) {
            throw ProblemException.invalid("email", "must be an email address");
        }
        try {
            engine.leaveContact(visitor, conversationId(id), request.email().strip());
        } catch (ConversationNotFoundException e) {
            throw notFound();
        }
    }

    private void checkOrigin(Visitor visitor, String origin, HttpServletRequest http) {
        if (!origins.allowed(visitor.organization(), origin, ownOrigin(http))) {
            throw originNotAllowed();
        }
    }

    private void checkOrigin(Organization organization, String origin, HttpServletRequest http) {
        if (!origins.allowed(organization.id(), origin, ownOrigin(http))) {
            throw originNotAllowed();
        }
    }

    private static ProblemException originNotAllowed() {
        return ProblemType.ORIGIN_NOT_ALLOWED.exception(
                "This website is not among the organization's allowed origins. Add it in the console.");
    }

    static String ownOrigin(HttpServletRequest http) {
        return ServletUriComponentsBuilder.fromContextPath(http)
                .replacePath(null)
                .build()
                .toUriString();
    }

    private static <T> T await(
            CompletableFuture<T> future, Duration timeout, java.util.function.Supplier<ProblemException> late) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw late.get();
        } catch (TimeoutException e) {
            throw late.get();
        } catch (ExecutionException e) {
            throw Rejections.notSaved(Duration.ofSeconds(5));
        }
    }

    private static ConversationId conversationId(String id) {
        try {
            return new ConversationId(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static MessageId messageId(String id) {
        try {
            return new MessageId(id);
        } catch (IllegalArgumentException e) {
            throw ProblemType.NOT_FOUND.exception("There is no such message in your conversations.");
        }
    }

    private static ProblemException notFound() {
        return ProblemType.NOT_FOUND.exception("There is no such conversation for this visitor.");
    }
}
