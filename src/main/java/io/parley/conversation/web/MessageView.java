package io.parley.conversation.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.conversation.Citation;
import io.parley.conversation.Message;
import java.time.Instant;
import java.util.List;

/** A message as clients see it, over REST and WebSocket alike; a person's carries their display name as {@code author}. */
record MessageView(
        String id,
        String conversationId,
        long seq,
        String role,
        String content,
        Instant createdAt,
        List<Citation> citations,
        @JsonInclude(JsonInclude.Include.NON_NULL) String author) {

    static MessageView of(Message m) {
        return new MessageView(
                m.id().value(),
                m.conversation().value(),
                m.seq(),
                m.role().wireName(),
                m.content(),
                m.createdAt(),
                m.citations(),
                m.author() == null ? null : m.author().name());
    }

    static List<MessageView> of(List<Message> messages) {
        return messages.stream().map(MessageView::of).toList();
    }
}
