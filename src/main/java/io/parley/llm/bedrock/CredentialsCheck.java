package io.parley.llm.bedrock;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Marks a failure to find credentials, so that it maps to {@link io.parley.llm.ModelException.Kind#MISCONFIGURED}:
 * the SDK reports it as a client exception like any network failure. The SDK's own message (which lists where the
 * chain looked) is left behind.
 */
final class CredentialsCheck implements AwsCredentialsProvider {

    /** No credentials could be resolved; an operator must provide some. */
    static final class MissingCredentialsException extends RuntimeException {
        MissingCredentialsException() {
            super("no AWS credentials found", null, false, false);
        }
    }

    private final AwsCredentialsProvider delegate;

    CredentialsCheck(AwsCredentialsProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return delegate.resolveCredentials();
        } catch (RuntimeException e) {
            throw new MissingCredentialsException();
        }
    }
}
