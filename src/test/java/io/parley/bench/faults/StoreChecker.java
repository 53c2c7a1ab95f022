package io.parley.bench.faults;

import io.parley.testing.ParleyApi;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import tools.jackson.databind.JsonNode;

/**
 * Compares what customers were told against what the server stored, through the customers' own REST API
 * ({@code GET /api/v1/conversations/{id}/messages} with their visitor tokens): every acknowledged message is stored
 * with the id and seq of its ack, no {@code clientMessageId} is stored twice, and every conversation's seq runs
 * 1, 2, 3… without a gap.
 */
final class StoreChecker {

    /** An acknowledgement a customer received. */
    record Ack(String conversationId, String clientMessageId, String messageId, long seq) {}

    /** What the check found. */
    record Result(
            int conversations,
            int acks,
            int missing,
            int seqMismatches,
            int duplicates,
            int gaps,
            int unreadable,
            int storedCustomerMessages,
            List<String> examples) {

        boolean clean() {
            return missing == 0 && seqMismatches == 0 && duplicates == 0 && gaps == 0 && unreadable == 0;
        }

        Map<String, Object> counts() {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("checkedConversations", conversations);
            counts.put("acks", acks);
            counts.put("storedCustomerMessages", storedCustomerMessages);
            counts.put("missing", missing);
            counts.put("seqMismatches", seqMismatches);
            counts.put("duplicates", duplicates);
            counts.put("gaps", gaps);
            counts.put("unreadableConversations", unreadable);
            if (!examples.isEmpty()) {
                counts.put("examples", examples);
            }
            return counts;
        }

        @Override
        public String toString() {
            return "%d acks in %d conversations: %d missing, %d at another seq, %d duplicates, %d gaps, %d unreadable"
                    .formatted(acks, conversations, missing, seqMismatches, duplicates, gaps, unreadable);
        }
    }

    private StoreChecker() {}

    /** The acks every connection of these customers received. */
    static List<Ack> acksOf(Collection<Customer> connections) {
        List<Ack> acks = new ArrayList<>();
        for (Customer c : connections) {
            for (Customer.Sent s : c.sent()) {
                if (s.acked()) {
                    acks.add(new Ack(c.conversationId(), s.clientMessageId, s.messageId, s.ackSeq));
                }
            }
        }
        return acks;
    }

    /** Checks every conversation of these customers (read with their visitor tokens) against every ack they got. */
    static Result check(ParleyApi api, Collection<Customer> customers) {
        Map<String, String> tokens = new LinkedHashMap<>();
        customers.forEach(c -> tokens.put(c.conversationId(), c.visitorToken()));
        return check(api, tokens, acksOf(customers));
    }

    /**
     * @param tokens every conversation to check, with the visitor token that reads it
     * @param acks every ack the customers received
     */
    static Result check(ParleyApi api, Map<String, String> tokens, List<Ack> acks) {
        Map<String, List<Ack>> acksByConversation = new HashMap<>();
        acks.forEach(a -> acksByConversation
                .computeIfAbsent(a.conversationId(), k -> new ArrayList<>())
                .add(a));
        int missing = 0;
        int seqMismatches = 0;
        int duplicates = 0;
        int gaps = 0;
        int unreadable = 0;
        int customerMessages = 0;
        List<String> examples = new ArrayList<>();
        for (var conversation : tokens.entrySet()) {
            String id = conversation.getKey();
            ParleyApi.Response response = api.get("/api/v1/conversations/" + id + "/messages", conversation.getValue());
            if (response.status() != 200) {
                unreadable++;
                example(examples, id + ": HTTP " + response.status());
                continue;
            }
            Map<String, Long> seqById = new HashMap<>();
            Set<String> clientIds = new HashSet<>();
            long expected = 1;
            for (JsonNode m : response.body().path("messages")) {
                long seq = m.path("seq").asLong();
                if (seq != expected) {
                    gaps++;
                    example(examples, id + ": seq " + seq + " where " + expected + " was due");
                }
                expected = seq + 1;
                seqById.put(m.path("id").asString(), seq);
                if (m.path("role").asString().equals("customer")) {
                    customerMessages++;
                    Matcher clientId =
                            Customer.CLIENT_ID.matcher(m.path("content").asString());
                    if (clientId.find() && !clientIds.add(clientId.group(1))) {
                        duplicates++;
                        example(examples, id + ": " + clientId.group(1) + " stored twice");
                    }
                }
            }
            for (Ack ack : acksByConversation.getOrDefault(id, List.of())) {
                Long stored = seqById.get(ack.messageId());
                if (stored == null) {
                    missing++;
                    example(examples, id + ": acked " + ack.clientMessageId() + " (seq " + ack.seq() + ") is missing");
                } else if (stored != ack.seq()) {
                    seqMismatches++;
                    example(
                            examples,
                            id + ": acked " + ack.clientMessageId() + " at seq " + ack.seq() + ", stored at " + stored);
                }
            }
        }
        for (String id : acksByConversation.keySet()) {
            if (!tokens.containsKey(id)) {
                missing += acksByConversation.get(id).size();
                example(examples, id + ": acked messages in a conversation that was not checked");
            }
        }
        return new Result(
                tokens.size(),
                acks.size(),
                missing,
                seqMismatches,
                duplicates,
                gaps,
                unreadable,
                customerMessages,
                examples);
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < 10) {
            examples.add(text);
        }
    }
}
