package io.parley.demo;

import io.parley.llm.Grounding;
import io.parley.tenant.BusinessProfile;

/** The demo organization's profile as the chat engine hands it to a model, for tests outside this package. */
public final class DemoProfile {

    private DemoProfile() {}

    public static Grounding grounding() {
        BusinessProfile p = DemoOrganization.PROFILE;
        return new Grounding(
                p.businessName(),
                p.description(),
                p.rules(),
                p.guidelines(),
                p.values(),
                p.tone(),
                p.fallbackMessage());
    }
}
