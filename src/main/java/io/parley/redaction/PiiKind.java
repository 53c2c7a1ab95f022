package io.parley.redaction;

/** A kind of personal data the {@link Redactor} masks, with the token that replaces it. */
public enum PiiKind {
    EMAIL("[email]"),
    PHONE("[phone]"),
    CARD("[card]"),
    IBAN("[iban]");

    private final String token;

    PiiKind(String token) {
        this.token = token;
    }

    /** What replaces a match in masked text, such as {@code [email]}. */
    public String token() {
        return token;
    }
}
