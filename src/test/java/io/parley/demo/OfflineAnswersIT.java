package io.parley.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.tenant.BusinessProfile;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The offline engine on the demo shop, measured on its labeled questions (src/test/resources/knowledge/
 * demo-questions.json: worded as customers write, with the article that answers each, or none): how often it answers
 * from the right article, and how often it answers when it should have said it does not know. The figures are written
 * to target/offline-answers.json and reported in docs/benchmarks.md; the floors below guard against regressions.
 */
class OfflineAnswersIT extends ParleyAppTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Question(String question, String source, String split) {}

    /** How one reply went. */
    enum Outcome {
        RIGHT_SOURCE,
        WRONG_SOURCE,
        PROFILE_ONLY,
        DECLINED
    }

    @Test
    void answersFromTheRightArticleAndSaysSoWhenItDoesNotKnow() throws IOException {
        ParleyApi.Organization shop = api.signUp("Trailhead Outfitters");
        assertThat(api.saveProfile(shop, profile(DemoOrganization.PROFILE)).status())
                .isEqualTo(200);
        assertThat(api.call(
                                "PUT",
                                "/api/v1/admin/organization/model",
                                shop.accessToken(),
                                Map.of("provider", "builtin"))
                        .status())
                .isEqualTo(200);
        Map<String, String> fileByTitle = teach(shop);

        List<Question> questions = List.of(JSON.readValue(
                Path.of("src/test/resources/knowledge/demo-questions.json").toFile(), Question[].class));
        Map<String, Map<String, Integer>> tally = new LinkedHashMap<>();
        List<Map<String, Object>> replies = new ArrayList<>();
        for (Question q : questions) {
            JsonNode tried = api.call(
                            "POST", "/api/v1/admin/playground", shop.accessToken(), Map.of("message", q.question()))
                    .body();
            String reply = tried.path("reply").asString();
            String cited = tried.path("citations").path(0).path("title").asString("");
            Outcome outcome = outcome(q, reply, cited.isEmpty() ? null : fileByTitle.get(cited));
            String bucket = q.split() + (q.source() == null ? "/unanswerable" : "/answerable");
            tally.computeIfAbsent(bucket, b -> new LinkedHashMap<>()).merge(outcome.name(), 1, Integer::sum);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("question", q.question());
            row.put("expected", q.source());
            row.put("cited", cited);
            row.put("outcome", outcome.name());
            row.put("reply", reply);
            replies.add(row);
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(
                Path.of("target/offline-answers.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("tally", tally, "replies", replies)));
        System.out.println("Offline engine on the demo questions: " + tally);

        // Measured (docs/benchmarks.md): 96 % from the right article, 48 % of the unanswerable answered anyway, over
        // both splits. The floors leave a little room; a change that drops below them made the engine worse.
        Map<String, Integer> answerable = new HashMap<>();
        Map<String, Integer> unanswerable = new HashMap<>();
        tally.forEach((bucket, counts) -> counts.forEach((outcome, n) ->
                (bucket.endsWith("/answerable") ? answerable : unanswerable).merge(outcome, n, Integer::sum)));
        assertThat(share(answerable, "RIGHT_SOURCE"))
                .as("answered from the right article")
                .isGreaterThanOrEqualTo(0.9);
        assertThat(1 - share(unanswerable, "DECLINED"))
                .as("answered instead of saying it does not know")
                .isLessThanOrEqualTo(0.6);
    }

    private static Outcome outcome(Question q, String reply, String citedFile) {
        if (citedFile != null) {
            return citedFile.equals(q.source()) ? Outcome.RIGHT_SOURCE : Outcome.WRONG_SOURCE;
        }
        boolean declined = reply.contains("I don't have information")
                || reply.contains(DemoOrganization.PROFILE.fallbackMessage());
        return declined ? Outcome.DECLINED : Outcome.PROFILE_ONLY;
    }

    private static double share(Map<String, Integer> counts, String outcome) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return total == 0 ? 1 : (double) counts.getOrDefault(outcome, 0) / total;
    }

    /** Adds the demo's articles as the demo does, and waits for them: file name by title. */
    private Map<String, String> teach(ParleyApi.Organization shop) throws IOException {
        Map<String, String> fileByTitle = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (Resource article : new PathMatchingResourcePatternResolver().getResources(DemoOrganization.KNOWLEDGE)) {
            String text = article.getContentAsString(StandardCharsets.UTF_8);
            String title = DemoOrganization.titleOf(text, article.getFilename());
            fileByTitle.put(title, article.getFilename());
            ParleyApi.Response added = api.call(
                    "POST",
                    "/api/v1/admin/knowledge/documents",
                    shop.accessToken(),
                    Map.of("title", title, "content", text));
            ids.add(added.body().path("id").asString());
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(5);
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> api.get("/api/v1/admin/knowledge/documents/" + id, shop.accessToken())
                            .body()
                            .path("status")
                            .asString()
                            .equals("ready"));
        }
        return fileByTitle;
    }

    private static Map<String, Object> profile(BusinessProfile p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("businessName", p.businessName());
        body.put("description", p.description());
        body.put("rules", p.rules());
        body.put("guidelines", p.guidelines());
        body.put("values", p.values());
        body.put("tone", p.tone());
        body.put("fallbackMessage", p.fallbackMessage());
        return body;
    }
}
