package io.parley.conversation.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.conversation.CustomerData;
import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** One customer's data on request (GDPR, CCPA): all of it as JSON, or erased everywhere. */
@RestController
@RequestMapping("/api/v1/admin/customers")
@Tag(name = "Customers' data")
class CustomerDataController {

    private final CustomerData customers;

    CustomerDataController(CustomerData customers) {
        this.customers = customers;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageExport(long seq, String role, String content, Instant createdAt, String author) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolCallExport(String tool, String arguments, String decision, String result, String error, Instant at) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConversationExport(
            String id,
            Instant startedAt,
            Instant lastMessageAt,
            String status,
            String visitorId,
            String customerId,
            String customerEmail,
            String customerName,
            List<MessageExport> messages,
            Integer rating,
            String ratingComment,
            String contactEmail,
            List<ToolCallExport> toolCalls) {}

    record Export(String customer, Instant exportedAt, List<ConversationExport> conversations) {}

    @GetMapping("/{customerId}/export")
    @Operation(
            summary = "Every conversation and message of one customer (their verified id, or a visitor id), as JSON",
            description = "An unknown customer gives an export with no conversations.")
    ResponseEntity<Export> export(SignedInMember member, @PathVariable String customerId) {
        CustomerData.Export data = customers.export(member.organization(), check(customerId));
        Export export = new Export(
                data.customer(),
                data.exportedAt(),
                data.conversations().stream().map(CustomerDataController::view).toList());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"customer-export.json\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(export);
    }

    @DeleteMapping("/{customerId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Erase one customer's conversations, messages and identity everywhere, including the knowledge"
                    + " base's unanswered questions; the audit log keeps only that an erasure happened",
            description = "204 whether or not the customer had conversations (erasing twice is harmless).")
    void erase(SignedInMember member, @PathVariable String customerId) {
        customers.erase(member.organization(), check(customerId));
    }

    private static String check(String customerId) {
        if (customerId == null || customerId.isBlank() || customerId.length() > 200) {
            throw ProblemException.invalid(
                    "customerId", "must be a customer's id or a visitor id (1 to 200 characters)");
        }
        return customerId.strip();
    }

    private static ConversationExport view(CustomerData.ConversationExport c) {
        return new ConversationExport(
                c.id(),
                c.startedAt(),
                c.lastMessageAt(),
                c.status(),
                c.visitorId(),
                c.verifiedCustomer() == null ? null : c.verifiedCustomer().id(),
                c.verifiedCustomer() == null ? null : c.verifiedCustomer().email(),
                c.verifiedCustomer() == null ? null : c.verifiedCustomer().name(),
                c.messages().stream()
                        .map(m -> new MessageExport(
                                m.seq(),
                                m.role().name().toLowerCase(java.util.Locale.ROOT),
                                m.content(),
                                m.createdAt(),
                                m.author() == null ? null : m.author().name()))
                        .toList(),
                c.rating() == null ? null : c.rating().score(),
                c.rating() == null ? null : c.rating().comment(),
                c.contactEmail(),
                c.toolCalls().stream()
                        .map(t -> new ToolCallExport(
                                t.tool(),
                                t.arguments(),
                                t.decision() == null ? null : t.decision().wire(),
                                t.result(),
                                t.error(),
                                t.at()))
                        .toList());
    }
}
