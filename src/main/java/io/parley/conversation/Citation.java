package io.parley.conversation;

/** Where part of a reply came from. {@code url} may be null. */
public record Citation(String title, String url, String snippet) {}
