package io.parley.conversation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records a listener's events, in order, as short strings such as "stored:1", "delta:…", "message:2:assistant". */
class RecordingListener implements ConversationListener {

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<Message> stored = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(Message message) {
        messages.add(message);
        events.add("message:" + message.seq() + ":" + message.role().wireName());
    }

    @Override
    public void onTyping(MessageRole role) {
        events.add("typing:" + role.wireName());
    }

    @Override
    public void onDelta(MessageId reply, String text) {
        events.add("delta:" + text);
    }

    @Override
    public void onTyping(MessageRole role, String name) {
        events.add("typing:" + role.wireName() + (name == null ? "" : ":" + name));
    }

    final List<ConversationEvent.StatusChanged> statuses = new CopyOnWriteArrayList<>();

    @Override
    public void onStatus(ConversationEvent.StatusChanged change) {
        statuses.add(change);
        events.add("status:" + change.change().to().wireName() + ":"
                + change.change().reason());
    }

    @Override
    public void onRestart(MessageId reply) {
        events.add("restart");
    }

    /** The text of the deltas after the last restart (all of them when there was none). */
    String shownSinceRestart() {
        int from = events.lastIndexOf("restart") + 1;
        return events.subList(from, events.size()).stream()
                .filter(e -> e.startsWith("delta:"))
                .map(e -> e.substring("delta:".length()))
                .reduce("", String::concat);
    }

    @Override
    public void onStored(Message own) {
        stored.add(own);
        events.add("stored:" + own.seq());
    }

    @Override
    public void onStoreDelayed(Message own) {
        events.add("delayed:" + own.seq());
    }

    @Override
    public void onStoreFailed(Message own) {
        events.add("failed:" + own.seq());
    }

    List<Message> replies() {
        return messages.stream().filter(m -> m.role() == MessageRole.ASSISTANT).toList();
    }
}
