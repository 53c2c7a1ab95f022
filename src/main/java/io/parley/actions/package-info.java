/**
 * The business's own HTTP actions: an organization registers calls to its own API (look up a booking, open a
 * ticket), each with a JSON Schema of its arguments, and its assistant may call them like built-in tools. The
 * engine validates arguments, asks the customer before a {@code write} runs and records every call; this feature
 * stores the actions (header values sealed with the server's key, never shown again in full), offers them as tools
 * and makes the calls through {@link io.parley.outbound.SafeHttpClient}, each signed with the organization's
 * customer-verification secret so that the business can tell that Parley sent it and for which conversation and
 * customer.
 */
package io.parley.actions;
