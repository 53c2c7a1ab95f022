package io.parley.store;

import io.parley.conversation.OfferedTool;
import io.parley.tenant.BusinessProfile;
import io.parley.tenant.Organizations;
import io.parley.tenant.ProfileLimits;
import io.parley.tenant.SignedInMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Organization templates: {@code retail} loads a fresh copy of the demo store (replacing any earlier copy) and makes
 * its written policy the business rules of the organization's profile, keeping the profile's other fields.
 */
public class StoreTemplates {

    public static final List<String> KNOWN = List.of(RetailTemplate.NAME);

    private final StoreData data;
    private final Organizations organizations;

    public StoreTemplates(StoreData data, Organizations organizations) {
        this.data = data;
        this.organizations = organizations;
    }

    /** What loading a template gave the organization. */
    public record Loaded(String template, int users, int orders, int products, List<String> tools) {}

    /** The template's name is not one of {@link #KNOWN}. */
    public static class UnknownTemplateException extends RuntimeException {
        public UnknownTemplateException(String name) {
            super("unknown template " + name, null, false, false);
        }
    }

    public Loaded load(SignedInMember by, String template) {
        if (template == null || !KNOWN.contains(template.strip().toLowerCase(Locale.ROOT))) {
            throw new UnknownTemplateException(template);
        }
        StoreSnapshot store = RetailTemplate.fresh();
        data.load(by.organization(), store);
        BusinessProfile p = organizations.currentProfile(by.organization()).profile();
        organizations.saveProfile(
                by,
                new BusinessProfile(
                        p.businessName(),
                        p.description(),
                        policyRules(RetailTemplate.policy()),
                        p.guidelines(),
                        p.values(),
                        p.tone(),
                        p.fallbackMessage()));
        return new Loaded(
                RetailTemplate.NAME,
                store.users().size(),
                store.orders().size(),
                store.products().size(),
                RetailCatalog.TOOLS.stream().map(OfferedTool::name).toList());
    }

    /**
     * The policy as profile rules: its paragraphs and lists, each under its heading ("Cancel pending order: …"),
     * joined while a rule stays within {@link ProfileLimits#ITEM} characters, so that the profile stays editable.
     */
    static List<String> policyRules(String markdown) {
        List<String> rules = new ArrayList<>();
        String heading = "";
        StringBuilder rule = new StringBuilder();
        for (String block : markdown.split("\\n\\s*\\n")) {
            String text = block.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("#")) {
                flush(rules, rule);
                heading = text.replaceFirst("^#+\\s*", "");
                if (heading.equalsIgnoreCase("Retail agent policy")) {
                    heading = "";
                }
                continue;
            }
            String lines =
                    text.replace("**", "").replaceAll("\\n\\s*-\\s*", "; ").replaceFirst("^-\\s*", "");
            String piece = rule.isEmpty() && !heading.isEmpty() ? heading + ": " + lines : lines;
            if (!rule.isEmpty() && rule.length() + 1 + piece.length() > ProfileLimits.ITEM) {
                flush(rules, rule);
                piece = heading.isEmpty() ? lines : heading + ": " + lines;
            }
            while (piece.length() > ProfileLimits.ITEM) {
                int cut = piece.lastIndexOf(". ", ProfileLimits.ITEM - 1);
                cut = cut > 0 ? cut + 1 : ProfileLimits.ITEM;
                rules.add(piece.substring(0, cut).strip());
                piece = piece.substring(cut).strip();
            }
            rule.append(rule.isEmpty() ? "" : " ").append(piece);
        }
        flush(rules, rule);
        return rules;
    }

    private static void flush(List<String> rules, StringBuilder rule) {
        if (!rule.isEmpty()) {
            rules.add(rule.toString().strip());
            rule.setLength(0);
        }
    }
}
