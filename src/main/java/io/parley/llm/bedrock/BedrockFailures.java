package io.parley.llm.bedrock;

import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Maps what the SDK throws to {@link ModelException}s, in one place. Messages name the provider id and the kind of
 * error in Parley's words; the SDK's exceptions carry Bedrock's own error text, so none is attached as a cause: an
 * {@link SdkFailure} naming their classes stands in for them.
 */
final class BedrockFailures {

    /** Error codes of AWS's request authentication, which Bedrock's model does not list as exceptions. */
    private static final Set<String> BAD_CREDENTIALS = Set.of(
            "UnrecognizedClientException",
            "InvalidSignatureException",
            "IncompleteSignature",
            "IncompleteSignatureException",
            "MissingAuthenticationToken",
            "MissingAuthenticationTokenException",
            "ExpiredTokenException",
            "InvalidClientTokenId",
            "AccessDeniedException");

    private final String providerId;
    private final Clock clock;

    BedrockFailures(String providerId, Clock clock) {
        this.providerId = providerId;
        this.clock = clock;
    }

    /**
     * The failure of a call.
     *
     * @param streaming true once the stream began: an error after that is an exception event, which broke the reply
     *     off
     * @param answered true once Bedrock's HTTP response arrived: a client-side failure after that means its body
     *     broke off or could not be read, not that Bedrock could not be reached
     */
    ModelException map(Throwable thrown, boolean streaming, boolean answered) {
        Throwable failure = unwrap(thrown);
        SdkFailure cause = new SdkFailure(failure);
        if (has(failure, CredentialsCheck.MissingCredentialsException.class)) {
            return ModelException.badKey(prefix() + "no AWS credentials found (environment, profile or role)", cause);
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return new ModelException(Kind.TIMEOUT, prefix() + "did not answer in time", null, cause);
        }
        if (failure instanceof AwsServiceException service) {
            return streaming ? inStream(service, cause) : service(service, cause);
        }
        if (streaming) {
            return new ModelException(Kind.INVALID_RESPONSE, prefix() + "the stream broke off", null, cause);
        }
        if (answered) {
            return new ModelException(Kind.INVALID_RESPONSE, prefix() + "its answer could not be read", null, cause);
        }
        return new ModelException(Kind.UNAVAILABLE, prefix() + "could not be reached", null, cause);
    }

    /** An answer the SDK parsed but that makes no sense as a reply. */
    ModelException unreadable(String why) {
        return new ModelException(Kind.INVALID_RESPONSE, prefix() + why);
    }

    /**
     * An exception event ({@code :message-type: exception}) after the stream began. Throttling there is still the
     * provider asking us to slow down, so it stays {@link Kind#RATE_LIMITED}; anything else broke the reply off.
     */
    private ModelException inStream(AwsServiceException e, SdkFailure cause) {
        if (e instanceof ThrottlingException) {
            return new ModelException(Kind.RATE_LIMITED, prefix() + "throttled the stream", null, cause);
        }
        return new ModelException(
                Kind.INVALID_RESPONSE,
                prefix() + "the stream ended with an error event (" + name(e) + ")",
                null,
                cause);
    }

    private ModelException service(AwsServiceException e, SdkFailure cause) {
        String prefix = prefix() + "answered HTTP " + e.statusCode() + " (" + name(e) + ")";
        return switch (e) {
            case AccessDeniedException denied ->
                ModelException.badKey(
                        prefix + ": check the credentials' IAM permissions and the model's access", cause);
            case ResourceNotFoundException notFound ->
                ModelException.unknownModel(prefix + ": check its model id and region", cause);
            case ValidationException invalid ->
                misconfigured(prefix + ": check its model id, region and that the model supports Converse", cause);
            case ThrottlingException throttled -> rateLimited(prefix, e, cause);
            // Bedrock says to resubmit later: a quota of tokens or requests per minute ran out.
            case ServiceQuotaExceededException quota -> rateLimited(prefix, e, cause);
            case ModelTimeoutException slow -> new ModelException(Kind.TIMEOUT, prefix, null, cause);
            case ServiceUnavailableException down -> unavailable(prefix, e, cause);
            case InternalServerException broken -> unavailable(prefix, e, cause);
            case ModelNotReadyException loading -> unavailable(prefix, e, cause);
            case ModelErrorException failed -> unavailable(prefix, e, cause);
            default -> byStatus(prefix, e, cause);
        };
    }

    private ModelException byStatus(String prefix, AwsServiceException e, SdkFailure cause) {
        int status = e.statusCode();
        if (BAD_CREDENTIALS.contains(errorCode(e)) || status == 401 || status == 403) {
            return ModelException.badKey(prefix + ": check its AWS credentials", cause);
        }
        if (e.isThrottlingException()) {
            return rateLimited(prefix, e, cause);
        }
        if (status == 404) {
            return ModelException.unknownModel(prefix + ": check its model id, region and endpoint", cause);
        }
        if (status == 408) {
            return new ModelException(Kind.TIMEOUT, prefix, null, cause);
        }
        if (status >= 500) {
            return unavailable(prefix, e, cause);
        }
        if (status >= 400) {
            // Our request was refused as it is; sending it again will not help.
            return misconfigured(prefix + ": the request was refused", cause);
        }
        return new ModelException(Kind.INVALID_RESPONSE, prefix + ": expected a reply", null, cause);
    }

    private static ModelException misconfigured(String message, SdkFailure cause) {
        return new ModelException(Kind.MISCONFIGURED, message, null, cause);
    }

    private ModelException rateLimited(String prefix, AwsServiceException e, SdkFailure cause) {
        return new ModelException(Kind.RATE_LIMITED, prefix, retryAfter(e), cause);
    }

    private ModelException unavailable(String prefix, AwsServiceException e, SdkFailure cause) {
        return new ModelException(Kind.UNAVAILABLE, prefix, retryAfter(e), cause);
    }

    private @Nullable Duration retryAfter(AwsServiceException e) {
        if (e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) {
            return null;
        }
        return e.awsErrorDetails()
                .sdkHttpResponse()
                .firstMatchingHeader("Retry-After")
                .flatMap(value -> RetryAfter.parse(value, clock))
                .orElse(null);
    }

    /**
     * The modelled exception's class name, or "unmodelled error" for one the SDK does not model: the error code itself
     * comes from the server and is not repeated.
     */
    private static String name(AwsServiceException e) {
        return e.getClass() == AwsServiceException.class || e.getClass() == BedrockRuntimeException.class
                ? "unmodelled error"
                : e.getClass().getSimpleName();
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? ""
                : e.awsErrorDetails().errorCode();
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable t = thrown;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean has(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private String prefix() {
        return "provider '" + providerId + "': ";
    }

    /**
     * Stands in for an SDK exception as a cause: its class and those of its causes, with its stack trace, but none of
     * their messages (which can hold Bedrock's error text).
     */
    static final class SdkFailure extends RuntimeException {
        SdkFailure(Throwable original) {
            super(classes(original), null, false, true);
            setStackTrace(original.getStackTrace());
        }

        private static String classes(Throwable original) {
            StringBuilder names = new StringBuilder();
            for (Throwable t = original; t != null && names.length() < 500; t = t.getCause()) {
                names.append(names.isEmpty() ? "" : " <- ").append(t.getClass().getName());
            }
            return names.toString();
        }
    }
}
