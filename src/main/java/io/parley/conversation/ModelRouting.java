package io.parley.conversation;

import io.parley.llm.LanguageModel;
import io.parley.tenant.OrganizationId;

/** Which language model answers an organization's customers. */
@FunctionalInterface
public interface ModelRouting {

    LanguageModel modelFor(OrganizationId organization);
}
