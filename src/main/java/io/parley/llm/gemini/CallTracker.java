package io.parley.llm.gemini;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Hands each HTTP call the SDK makes to the {@link StreamingCall} that caused it, so that a deadline or an interrupt
 * can cancel it: the SDK keeps its calls to itself, and a blocked socket read answers to nothing but a cancel.
 *
 * <p>The SDK runs its calls synchronously ({@code Call.execute()}), and OkHttp runs application interceptors of a
 * synchronous call on the thread that executes it: the worker thread of the {@link StreamingCall}, which binds
 * itself here for the duration of its call.
 */
final class CallTracker implements Interceptor {

    private static final ThreadLocal<StreamingCall> CURRENT = new ThreadLocal<>();

    static void bind(StreamingCall call) {
        CURRENT.set(call);
    }

    static void unbind() {
        CURRENT.remove();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        @Nullable StreamingCall owner = CURRENT.get();
        if (owner != null) {
            owner.attach(chain.call());
        }
        return chain.proceed(chain.request());
    }
}
