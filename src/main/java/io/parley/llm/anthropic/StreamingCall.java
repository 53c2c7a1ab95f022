package io.parley.llm.anthropic;

import com.anthropic.core.RequestOptions;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.services.blocking.MessageService;
import io.parley.llm.ModelException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One streamed Messages call, read on a virtual thread of its own and handed to the caller through a queue.
 *
 * <p>Why a thread: the SDK blocks in OkHttp socket reads, first for the response headers, then in the stream's
 * iterator, and neither a deadline nor an interrupt of the caller (often a platform thread) ends such a read. Here
 * the caller only ever waits on the queue, which its deadline and its interrupt both end; {@link #cancel()} then
 * closes the stream (the SDK cancels the OkHttp call under a read in flight) and interrupts the reader, whose socket
 * the JDK closes when a virtual thread blocked on it is interrupted (which covers the wait for headers). The SDK's
 * own request timeout, a little longer than ours, bounds the reader even if both failed.
 *
 * <p>The reader maps every failure itself, so SDK exceptions never reach the caller's thread. After
 * {@code message_stop} it closes the stream before saying it finished, so that the connection is back in the pool
 * when the caller makes its next call.
 */
final class StreamingCall {

    /** What the reader hands to the caller, in order. */
    sealed interface Signal {}

    /** A non-empty piece of the reply's text. */
    record Piece(String text) implements Signal {}

    /** The stream ended with {@code message_stop}; nothing follows. */
    record Finished(MessageStream.Result result) implements Signal {}

    /** The call failed; nothing follows. */
    record Failed(ModelException failure) implements Signal {}

    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final AtomicReference<@Nullable StreamResponse<RawMessageStreamEvent>> open = new AtomicReference<>();
    private final MessageService messages;
    private final MessageCreateParams params;
    private final RequestOptions options;
    private final AnthropicFailures failures;
    private final Thread reader;
    private volatile boolean cancelled;

    private StreamingCall(
            MessageService messages,
            MessageCreateParams params,
            RequestOptions options,
            AnthropicFailures failures,
            String threadName) {
        this.messages = messages;
        this.params = params;
        this.options = options;
        this.failures = failures;
        this.reader = Thread.ofVirtual().name(threadName).unstarted(this::read);
    }

    static StreamingCall start(
            MessageService messages,
            MessageCreateParams params,
            RequestOptions options,
            AnthropicFailures failures,
            String threadName) {
        StreamingCall call = new StreamingCall(messages, params, options, failures, threadName);
        call.reader.start();
        return call;
    }

    /** The next signal, waiting at most {@code nanos} (not at all when none are left); null when none came. */
    @Nullable
    Signal next(long nanos) throws InterruptedException {
        return nanos > 0 ? signals.poll(nanos, TimeUnit.NANOSECONDS) : signals.poll();
    }

    /** Gives up on the call: closes its stream and stops its reader. Safe to call more than once. */
    void cancel() {
        cancelled = true;
        StreamResponse<RawMessageStreamEvent> stream = open.get();
        if (stream != null) {
            closeQuietly(stream);
        }
        reader.interrupt();
    }

    private void read() {
        try {
            readStream();
        } catch (Error e) {
            // Without a last signal the caller would wait for its deadline and call a broken SDK a timeout.
            signals.add(new Failed(failures.broken(e)));
            throw e;
        }
    }

    private void readStream() {
        StreamResponse<RawMessageStreamEvent> stream;
        try {
            stream = messages.createStreaming(params, options);
        } catch (RuntimeException e) {
            signals.add(new Failed(failures.beforeStream(e)));
            return;
        }
        open.set(stream);
        // cancel() writes `cancelled` before it reads `open`; this writes `open` before reading `cancelled`: one of
        // the two sees the other, so a stream that arrives as the caller gives up is always closed.
        if (cancelled) {
            closeQuietly(stream);
            return;
        }
        Signal last;
        try {
            MessageStream reply = new MessageStream(text -> signals.add(new Piece(text)), failures);
            for (RawMessageStreamEvent event : stream) {
                if (reply.accept(event)) {
                    break;
                }
            }
            last = new Finished(reply.result());
        } catch (RuntimeException e) {
            last = new Failed(failures.duringStream(e));
        } finally {
            closeQuietly(stream);
        }
        signals.add(last);
    }

    private static void closeQuietly(StreamResponse<RawMessageStreamEvent> stream) {
        try {
            stream.close();
        } catch (RuntimeException ignored) {
            // Closing only releases the connection; a reply already read stays good.
        }
    }
}
