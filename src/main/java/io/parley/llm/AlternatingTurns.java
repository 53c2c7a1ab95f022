package io.parley.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups a request's messages into turns that alternate strictly between the user's side (the customer's messages
 * and tool results) and the assistant's, starting with the user's: the shape Bedrock's Converse API, Anthropic's
 * Messages API and Gemini require. Consecutive messages of one side become one turn with several parts (a customer
 * who wrote twice before the reply). Assistant messages before the customer's first one (an agent's greeting) are
 * left out, since none of those providers lets the assistant speak first.
 */
public final class AlternatingTurns {

    private AlternatingTurns() {}

    public enum Side {
        USER,
        ASSISTANT
    }

    /** One provider turn: the messages of one side, in order. */
    public record Turn(Side side, List<ChatMessage> parts) {
        public Turn {
            parts = List.copyOf(parts);
        }
    }

    public static List<Turn> of(List<ChatMessage> messages) {
        List<Turn> turns = new ArrayList<>();
        Side current = null;
        List<ChatMessage> parts = new ArrayList<>();
        for (ChatMessage message : messages) {
            Side side = message instanceof ChatMessage.Assistant ? Side.ASSISTANT : Side.USER;
            if (current == null && side == Side.ASSISTANT) {
                continue;
            }
            if (side != current && current != null) {
                turns.add(new Turn(current, parts));
                parts = new ArrayList<>();
            }
            current = side;
            parts.add(message);
        }
        if (current != null) {
            turns.add(new Turn(current, parts));
        }
        return turns;
    }
}
