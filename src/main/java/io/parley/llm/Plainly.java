package io.parley.llm;

/** What a model failure means, in words for the business (never the provider's own words). */
public final class Plainly {

    private Plainly() {}

    public static String why(ModelException failure) {
        return switch (failure.kind()) {
            case MISCONFIGURED ->
                failure.misconfiguration()
                        .map(what -> switch (what) {
                            case KEY -> "The provider refused the API key.";
                            case MODEL -> "The provider does not know this model (or the address is not its API).";
                            case NOT_CALLED -> "The provider was not called.";
                        })
                        .orElse("The provider refused the request as it is configured.");
            case RATE_LIMITED -> "The provider asked us to slow down (rate limit or quota reached).";
            case UNAVAILABLE ->
                failure.circuitOpen()
                        ? "The provider failed too often just now, so it is not called for a short while."
                        : "The provider could not be reached or failed on its side.";
            case TIMEOUT -> "The provider did not answer in time.";
            case INVALID_RESPONSE -> "The provider's answer broke off or could not be read.";
        };
    }
}
