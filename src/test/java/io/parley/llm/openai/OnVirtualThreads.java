package io.parley.llm.openai;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/** Runs each test method's body on a virtual thread of its own, as Parley calls its models. */
final class OnVirtualThreads implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(
            Invocation<Void> invocation, ReflectiveInvocationContext<Method> context, ExtensionContext extension)
            throws Throwable {
        onVirtualThread(invocation);
    }

    @Override
    public void interceptTestTemplateMethod(
            Invocation<Void> invocation, ReflectiveInvocationContext<Method> context, ExtensionContext extension)
            throws Throwable {
        onVirtualThread(invocation);
    }

    private static void onVirtualThread(Invocation<Void> invocation) throws Throwable {
        var failure = new AtomicReference<Throwable>();
        Thread body = Thread.ofVirtual().name("test-on-virtual-thread").start(() -> {
            try {
                invocation.proceed();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        body.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
