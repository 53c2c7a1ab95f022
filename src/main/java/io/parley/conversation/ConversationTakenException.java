package io.parley.conversation;

/** Another person of the team holds the conversation; it must be assigned to change hands. */
public final class ConversationTakenException extends RuntimeException {

    private final String holder;

    public ConversationTakenException(String holder) {
        super("another member holds this conversation", null, false, false);
        this.holder = holder;
    }

    /** The display name of the person who holds it, or null when not known on this node. */
    public String holder() {
        return holder;
    }
}
