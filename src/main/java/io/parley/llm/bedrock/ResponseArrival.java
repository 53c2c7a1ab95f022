package io.parley.llm.bedrock;

import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Tells a call whether Bedrock's HTTP response arrived. The SDK reports a connection that could not be made and a
 * body that broke off or could not be parsed with the same client exception; the first is
 * {@link io.parley.llm.ModelException.Kind#UNAVAILABLE}, the others {@link
 * io.parley.llm.ModelException.Kind#INVALID_RESPONSE}. Each call passes its own flag as an execution attribute.
 */
final class ResponseArrival implements ExecutionInterceptor {

    /** Set to true once the response's status and headers arrived. */
    static final ExecutionAttribute<AtomicBoolean> ARRIVED = new ExecutionAttribute<>("ParleyBedrockResponseArrived");

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        AtomicBoolean arrived = attributes.getAttribute(ARRIVED);
        if (arrived != null) {
            arrived.set(true);
        }
    }
}
