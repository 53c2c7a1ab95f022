package io.parley.redaction;

/**
 * What an organization masks.
 *
 * @param beforeModel mask personal data in what its customers write before any model provider sees it
 * @param inStoredText also store (and so show later, to the team and to the customer) customers' messages masked
 */
public record RedactionSettings(boolean beforeModel, boolean inStoredText) {

    /** Every organization's until it changes them: nothing is masked. */
    public static final RedactionSettings OFF = new RedactionSettings(false, false);
}
