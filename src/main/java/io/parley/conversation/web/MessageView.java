package io.parley.conversation.web;

import io.parley.conversation.Citation;
import io.parley.conversation.Message;
import java.time.Instant;
import java.util.List;

/** A message as clients see it, over REST and WebSocket alike. */
record MessageView(
        String id,
        String conversationId,
        long seq,
        String role,
        String content,
        Instant createdAt,
        List<Citation> citations) {

    static MessageView of(Message m) {
        return new MessageView(
                m.id().value(),
                m.conversation().value(),
                m.seq(),
                m.role().wireName(),
                m.content(),
                m.createdAt(),
                m.citations());
    }

    static List<MessageView> of(List<Message> messages) {
        return messages.stream().map(MessageView::of).toList();
    }
}
