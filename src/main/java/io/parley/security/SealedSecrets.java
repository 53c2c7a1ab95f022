package io.parley.security;

/**
 * Where a feature keeps secrets sealed with the server's encryption key (the customer-signing secrets, model API keys,
 * action headers): a key rotation asks each to seal its secrets again with the current key.
 */
public interface SealedSecrets {

    /** What these secrets are, for the rotation's report ("model API keys"). */
    String what();

    /**
     * Seals every secret again with the current key ({@link SecretBox#reseal}); those already sealed with it are left
     * alone, so a rotation that stops half-way can simply run again.
     *
     * @return how many were sealed again
     */
    int reseal(SecretBox box);
}
