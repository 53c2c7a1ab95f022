package io.parley.llm.gemini;

import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import okhttp3.Call;
import org.jspecify.annotations.Nullable;

/**
 * One streamed call, run by the SDK on a worker thread of its own while the caller waits for its {@link Event}s.
 *
 * <p>Why a worker: the SDK blocks in socket reads, which neither a deadline nor {@link Thread#interrupt()} can end.
 * The caller instead waits on a queue, which both can, and then {@link #abort()}s: that cancels the HTTP call
 * (closing its socket), so the worker's read fails and the worker ends, and with it the connection. The caller
 * hands the pieces to the sink itself, so the sink is called on the caller's thread.
 */
final class StreamingCall {

    /** What the worker reports, in order: pieces, then one {@link Finished} or {@link Failed}. */
    sealed interface Event {}

    record Piece(String text) implements Event {}

    record Finished(ReplyAssembler.Result result) implements Event {}

    /**
     * @param streaming true when the failure came after the response's headers, while the stream was read
     */
    record Failed(RuntimeException error, boolean streaming) implements Event {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicReference<@Nullable Call> http = new AtomicReference<>();
    private volatile boolean aborted;
    private volatile boolean done;

    private StreamingCall() {}

    /** Opens the stream with {@code open} on a new worker thread and reads it into {@code assembler}. */
    static StreamingCall start(
            ThreadFactory workers, Supplier<ResponseStream<GenerateContentResponse>> open, ReplyAssembler assembler) {
        StreamingCall call = new StreamingCall();
        workers.newThread(() -> call.run(open, assembler)).start();
        return call;
    }

    /** The next event, or null when none came within {@code nanos}. */
    @Nullable
    Event next(long nanos) throws InterruptedException {
        return events.poll(nanos, TimeUnit.NANOSECONDS);
    }

    /** Stops the call unless it is over: cancels its HTTP call now, or as soon as the SDK starts it. */
    void abort() {
        if (done) {
            return;
        }
        aborted = true;
        Call current = http.get();
        if (current != null) {
            current.cancel();
        }
    }

    /** Called by {@link CallTracker} on the worker thread as the SDK starts an HTTP call. */
    void attach(Call call) {
        http.set(call);
        if (aborted) {
            call.cancel();
        }
    }

    private void run(Supplier<ResponseStream<GenerateContentResponse>> open, ReplyAssembler assembler) {
        CallTracker.bind(this);
        ResponseStream<GenerateContentResponse> stream = null;
        Event outcome;
        try {
            stream = open.get();
            for (GenerateContentResponse chunk : stream) {
                assembler.accept(chunk, piece -> events.add(new Piece(piece)));
            }
            outcome = new Finished(assembler.finish());
        } catch (RuntimeException e) {
            outcome = new Failed(e, stream != null);
        } finally {
            CallTracker.unbind();
        }
        // Closed before the outcome is out, so that a finished call's connection is back in the pool by the time the
        // caller returns. Read to its end, the stream closes cleanly; an aborted one just drops its connection.
        closeQuietly(stream);
        done = true;
        events.add(outcome);
    }

    private static void closeQuietly(@Nullable ResponseStream<GenerateContentResponse> stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (RuntimeException ignored) {
            // Closing only releases the connection; the outcome is already known.
        }
    }
}
