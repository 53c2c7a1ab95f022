package io.parley.llm.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.llm.ChatTurn;
import io.parley.llm.ModelRequest;
import java.util.ArrayList;
import java.util.List;

/** The body of {@code POST /chat/completions}: the system prompt first, then the history, always streamed. */
record ChatRequest(
        String model,
        List<Message> messages,
        boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions) {

    record Message(String role, String content) {}

    /** Asks for a last chunk with the token usage, which OpenAI and most compatible servers otherwise omit. */
    record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {}

    static ChatRequest streaming(String model, ModelRequest request) {
        List<Message> messages = new ArrayList<>(request.history().size() + 1);
        messages.add(new Message("system", request.systemPrompt()));
        for (ChatTurn turn : request.history()) {
            String role = turn.speaker() == ChatTurn.Speaker.CUSTOMER ? "user" : "assistant";
            messages.add(new Message(role, turn.text()));
        }
        return new ChatRequest(model, List.copyOf(messages), true, new StreamOptions(true));
    }
}
