-- Issue 10: which turn (the customer message it answered) each tool call belongs to, so that later turns show the
-- model what its tools found earlier in the conversation, in place.
ALTER TABLE tool_calls ADD COLUMN question_id VARCHAR(64);
