package io.parley.demo;

import io.parley.knowledge.Knowledge;
import io.parley.tenant.BusinessProfile;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.Organizations;
import io.parley.tenant.SignedInMember;
import io.parley.tenant.SiteKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The demo organization, Trailhead Outfitters, an online outdoor-gear shop: created once, on the first start in
 * embedded mode, so that the run command shows a working chat at once. Its owner's password is random and printed
 * once, when it is created.
 */
public class DemoOrganization {

    /** The demo's well-known site key; the demo page at {@code /} embeds the widget with it. */
    public static final String SITE_KEY = "demo-trailhead";

    public static final String OWNER_EMAIL = "demo@parley.local";

    private static final Logger log = LoggerFactory.getLogger(DemoOrganization.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    static final BusinessProfile PROFILE = new BusinessProfile(
            "Trailhead Outfitters",
            "Trailhead Outfitters is an online shop for hiking, camping and climbing gear, based in Denver, Colorado."
                    + " We ship across the United States and Canada from our warehouse in Denver."
                    + " Our support team answers every day from 8 am to 8 pm Mountain Time.",
            List.of(
                    "Returns are accepted within 30 days of delivery for unused items in their original packaging;"
                            + " refunds go back to the original payment method within 5 business days of receiving the return.",
                    "Standard shipping is free on orders over $75 and takes 3 to 5 business days; express shipping costs $15"
                            + " and takes 1 to 2 business days.",
                    "We ship only to addresses in the United States and Canada.",
                    "Orders can be cancelled free of charge until they ship; after that, the customer can return them.",
                    "Never promise discounts, price matches or delivery dates beyond the published shipping times.",
                    "Never ask for or accept card numbers or passwords in the chat."),
            List.of(
                    "If an order is late, apologise and offer to connect the customer with a person who can check the shipment.",
                    "For sizing questions, point to the size guide on each product page; exchanges for another size are free.",
                    "For a damaged or faulty item, apologise and offer a replacement or a full refund, including return shipping."),
            List.of("Leave no trace: we repair before we replace.", "Straight answers, no upselling."),
            "Warm, outdoorsy and concise",
            "I'm not sure about that one. Would you like me to connect you with someone from our team?");

    /** The demo shop's help-centre articles, taught to its assistant when the demo is created. */
    static final String KNOWLEDGE = "classpath:demo/knowledge/*.md";

    private final Organizations organizations;
    private final Knowledge knowledge;

    public DemoOrganization(Organizations organizations, Knowledge knowledge) {
        this.organizations = organizations;
        this.knowledge = knowledge;
    }

    /** Creates the demo organization unless it exists. */
    public void ensureExists() {
        if (organizations.bySiteKey(SITE_KEY).isPresent()) {
            return;
        }
        String password = randomPassword();
        var created = organizations.signUp(OWNER_EMAIL, password, PROFILE.businessName(), new SiteKey(SITE_KEY));
        organizations.saveProfile(
                new SignedInMember(
                        created.owner().id(),
                        created.organization().id(),
                        created.owner().role()),
                PROFILE);
        teach(created.organization().id());
        log.info(
                "Created the demo organization \"{}\". Sign in to the console at /console with {} and password {}"
                        + " (shown only this once).",
                PROFILE.businessName(),
                OWNER_EMAIL,
                password);
    }

    /** Adds the help-centre articles to the demo's knowledge base; they are processed in the background. */
    private void teach(OrganizationId organization) {
        try {
            Resource[] articles = new PathMatchingResourcePatternResolver().getResources(KNOWLEDGE);
            Arrays.sort(articles, Comparator.comparing(r -> String.valueOf(r.getFilename())));
            List<CompletableFuture<Void>> processed = new ArrayList<>();
            for (Resource article : articles) {
                String text = article.getContentAsString(StandardCharsets.UTF_8);
                var document = knowledge.addText(organization, titleOf(text, article.getFilename()), text, null, false);
                processed.add(knowledge.whenProcessed(document.id()));
            }
            // A few seconds, once: the first customer of the demo already gets answers with their sources.
            CompletableFuture.allOf(processed.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        } catch (IOException | ExecutionException | TimeoutException e) {
            log.warn("The demo's knowledge base could not be prepared; it is processed in the background", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The article's first "# " heading, or its file name. */
    static String titleOf(String markdown, String fileName) {
        return markdown.lines()
                .filter(line -> line.startsWith("# "))
                .map(line -> line.substring(2).strip())
                .findFirst()
                .orElse(String.valueOf(fileName));
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
