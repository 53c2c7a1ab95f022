package io.parley.llm;

import static io.parley.testing.ModelRequests.ask;
import static io.parley.testing.ModelRequests.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.llm.ModelException.Kind;
import io.parley.llm.builtin.BuiltinLanguageModel;
import io.parley.testing.ModelRequests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackLanguageModelTest extends LanguageModelContract {

    private final List<String> pieces = new ArrayList<>();

    /** For the contract: a chain whose first model fails at once, so the built-in engine answers. */
    @Override
    protected LanguageModel model() {
        return new FallbackLanguageModel(
                List.of(FakeModel.failing("down", Kind.UNAVAILABLE, 0), new BuiltinLanguageModel("builtin")));
    }

    /** The chain's id is its first model's, but the reply names the one that answered. */
    @Test
    @Override
    protected void reportsUsageAndWhoAnswered() {
        ModelReply reply = model().generate(request(), DeltaSink.IGNORE);

        assertThat(reply.usage().inputTokens()).isPositive();
        assertThat(reply.provider()).isEqualTo("builtin");
        assertThat(reply.model()).isEqualTo(BuiltinLanguageModel.MODEL);
    }

    @Test
    void answersWithTheFirstModelWithoutTryingTheOthers() {
        var first = FakeModel.replying("first", "Hello");
        var second = FakeModel.replying("second", "Other");

        ModelReply reply = new FallbackLanguageModel(List.of(first, second)).generate(ask("Hi"), pieces::add);

        assertThat(reply.text()).isEqualTo("Hello");
        assertThat(second.calls).isEmpty();
    }

    @Test
    void triesTheNextModelWhenOneFailsBeforeAnyPiece() {
        var first = FakeModel.failing("first", Kind.UNAVAILABLE, 0);
        var second = FakeModel.failing("second", Kind.MISCONFIGURED, 0);
        var third = FakeModel.replying("third", "From the third");

        ModelReply reply = new FallbackLanguageModel(List.of(first, second, third)).generate(ask("Hi"), pieces::add);

        assertThat(reply.text()).isEqualTo("From the third");
        assertThat(pieces).containsExactly("From ", "the ", "third");
    }

    @Test
    void restartsTheReplyWithTheNextModelWhenOneFailsAfterSomeOfItsReplyReachedTheSink() {
        var first = FakeModel.failing("first", Kind.INVALID_RESPONSE, 1);
        var second = FakeModel.replying("second", "Whole answer");
        List<String> events = new ArrayList<>();
        DeltaSink sink = new DeltaSink() {
            @Override
            public void onDelta(String text) {
                events.add(text);
            }

            @Override
            public void discard() {
                events.add("<discard>");
            }
        };

        ModelReply reply = new FallbackLanguageModel(List.of(first, second)).generate(ask("Hi"), sink);

        assertThat(events).containsExactly("partial ", "<discard>", "Whole ", "answer");
        assertThat(reply.text()).isEqualTo("Whole answer");
        assertThat(reply.provider()).isEqualTo("second");
    }

    @Test
    void passesTheRequestWholeToTheNextModelWithOnlyItsTimeoutShortened() {
        var first = FakeModel.failing("first", Kind.UNAVAILABLE, 0);
        var second = FakeModel.replying("second", "Ok");
        ModelRequest request = ask("Where is W1?")
                .withTools(List.of(ModelRequests.FIND_ORDER))
                .withPassages(List.of(new Passage("p1", "Orders", "https://example.com", "Orders ship in 2 days.")))
                .withMaxOutputTokens(77);

        new FallbackLanguageModel(List.of(first, second)).generate(request, pieces::add);

        ModelRequest passedOn = second.calls.getFirst();
        assertThat(passedOn).isEqualTo(request.withTimeout(passedOn.timeout()));
        assertThat(passedOn.timeout()).isPositive().isLessThanOrEqualTo(request.timeout());
    }

    @Test
    void throwsTheLastFailureWithTheEarlierOnesSuppressedWhenAllFail() {
        var first = FakeModel.failing("first", Kind.RATE_LIMITED, 0);
        var second = FakeModel.failing("second", Kind.UNAVAILABLE, 0);

        assertThatThrownBy(() -> new FallbackLanguageModel(List.of(first, second)).generate(ask("Hi"), pieces::add))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                    assertThat(e.getSuppressed())
                            .singleElement()
                            .isInstanceOfSatisfying(ModelException.class, earlier -> assertThat(earlier.kind())
                                    .isEqualTo(Kind.RATE_LIMITED));
                });
    }

    @Test
    void givesTheNextModelOnlyWhatIsLeftOfTheTimeout() {
        var first = FakeModel.failing("first", Kind.UNAVAILABLE, 0);
        var second = FakeModel.replying("second", "Ok");
        Duration timeout = Duration.ofSeconds(10);

        new FallbackLanguageModel(List.of(first, second)).generate(withTimeout(ask("Hi"), timeout), pieces::add);

        assertThat(first.calls.getFirst().timeout()).isEqualTo(timeout);
        assertThat(second.calls.getFirst().timeout()).isPositive().isLessThan(timeout);
    }

    @Test
    void doesNotTryTheNextModelWhenTheCallerWasInterrupted() {
        var first = FakeModel.failing("first", Kind.UNAVAILABLE, 0);
        var second = FakeModel.replying("second", "Other");
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> new FallbackLanguageModel(List.of(first, second)).generate(ask("Hi"), pieces::add))
                .isInstanceOf(ModelException.class);
        assertThat(second.calls).isEmpty();
    }

    @Test
    void describesItselfAsItsFirstModel() {
        var chain = new FallbackLanguageModel(
                List.of(FakeModel.replying("primary", "a"), FakeModel.replying("secondary", "b")));

        assertThat(chain.id()).isEqualTo("primary");
        assertThat(chain.capabilities()).isEqualTo(new ModelCapabilities(true, false, false));
    }

    /** Replies word by word, or fails after a number of pieces; records the requests it got. */
    private static final class FakeModel implements LanguageModel {
        private final String id;
        private final String reply;
        private final Kind failure;
        final List<ModelRequest> calls = new ArrayList<>();

        private FakeModel(String id, String reply, Kind failure) {
            this.id = id;
            this.reply = reply;
            this.failure = failure;
        }

        static FakeModel replying(String id, String reply) {
            return new FakeModel(id, reply, null);
        }

        static FakeModel failing(String id, Kind kind, int piecesBeforeFailure) {
            return new FakeModel(id, "partial ".repeat(piecesBeforeFailure), kind);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ModelCapabilities capabilities() {
            return new ModelCapabilities(true, false, false);
        }

        @Override
        public ModelReply generate(ModelRequest request, DeltaSink sink) {
            calls.add(request);
            for (String piece : reply.split("(?<= )")) {
                if (!piece.isEmpty()) {
                    sink.onDelta(piece);
                }
            }
            if (failure != null) {
                throw new ModelException(failure, id + " failed");
            }
            return ModelReply.text(reply, ModelReply.Usage.NONE, id, "fake-" + id);
        }
    }
}
