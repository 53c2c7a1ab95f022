/**
 * The retail demo store (τ²-bench's retail domain): per organization, its users, orders and products, kept in the
 * database; the sixteen tools an assistant uses on them, offered to the conversation engine as a
 * {@link io.parley.conversation.ToolSource}; the admin REST API for orders and products; and the {@code retail}
 * organization template that loads a fresh copy of the store and its written policy.
 */
package io.parley.store;
