package io.parley.tenant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A business profile as clients send it, with the limits every channel (API, console) checks. */
public record ProfileForm(
        @NotBlank(message = "Enter the name customers know you by.") @Size(max = ProfileLimits.NAME)
                String businessName,
        @Size(max = ProfileLimits.DESCRIPTION) String description,
        @Size(max = ProfileLimits.ITEMS) List<@Size(max = ProfileLimits.ITEM) String> rules,
        @Size(max = ProfileLimits.ITEMS) List<@Size(max = ProfileLimits.ITEM) String> guidelines,
        @Size(max = ProfileLimits.ITEMS) List<@Size(max = ProfileLimits.ITEM) String> values,
        @Size(max = ProfileLimits.TONE) String tone,
        @Size(max = ProfileLimits.FALLBACK) String fallbackMessage) {

    public BusinessProfile toProfile() {
        return new BusinessProfile(businessName, description, rules, guidelines, values, tone, fallbackMessage);
    }
}
