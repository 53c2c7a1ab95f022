package io.parley.conversation;

/** The conversation does not exist, or it is not the caller's: the same answer for both. */
public class ConversationNotFoundException extends RuntimeException {

    public ConversationNotFoundException() {
        super("conversation not found", null, false, false);
    }
}
