package io.parley.llm.builtin;

import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelCapabilities;
import io.parley.llm.ModelException;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.Tokens;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in, fully offline answer engine: no language model, no network. It answers the customer's last
 * message by quoting the request's passages (with citation markers such as {@code [1]}) or, without a relevant
 * passage, the facts of the organization's {@link io.parley.llm.Grounding}, never inventing any; when nothing is
 * relevant, or the customer asks for a person, it says so, gives the organization's fallback message and offers to
 * connect a person.
 *
 * <p>It declares no tools and ignores any a request offers. Thread-safe and deterministic. The reply is streamed word
 * by word (a word and its trailing space per piece)
 * without delay. An interrupted calling thread gets a {@link ModelException} ({@code UNAVAILABLE}) before the
 * next piece, with its interrupt flag kept.
 */
public final class BuiltinLanguageModel implements LanguageModel {

    /** The model name in every {@link ModelReply} of this engine. */
    public static final String MODEL = "parley-builtin";

    private static final Pattern WORD_PIECE = Pattern.compile("\\S+\\s*");

    private final String id;
    private final Answerer answerer = new Answerer();

    /** @param id the provider id it is configured under, usually {@code builtin} */
    public BuiltinLanguageModel(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ModelCapabilities capabilities() {
        return new ModelCapabilities(true, false, true);
    }

    @Override
    public ModelReply generate(ModelRequest request, DeltaSink sink) {
        String reply = answerer.reply(request.question(), request.grounding(), request.passages());
        Matcher pieces = WORD_PIECE.matcher(reply);
        while (pieces.find()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ModelException(ModelException.Kind.UNAVAILABLE, "interrupted while streaming");
            }
            sink.onDelta(pieces.group());
        }
        // Counted as a language model would have been, so that usage figures stay comparable across engines.
        return ModelReply.text(reply, Tokens.estimate(request, reply), id, MODEL);
    }
}
