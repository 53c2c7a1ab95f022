package io.parley.bench;

import io.parley.testing.ParleyApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Gives a benchmark's organization a knowledge base: the demo shop's help-centre articles, ready before it returns. */
final class KnowledgeLoad {

    private KnowledgeLoad() {}

    static int teachDemoArticles(Bench.Target target) {
        ParleyApi api = new ParleyApi(target.server().port());
        List<String> ids = new ArrayList<>();
        try {
            for (Resource article :
                    new PathMatchingResourcePatternResolver().getResources("classpath:demo/knowledge/*.md")) {
                String text = article.getContentAsString(StandardCharsets.UTF_8);
                ParleyApi.Response r = api.call(
                        "POST",
                        "/api/v1/admin/knowledge/documents",
                        target.ownerToken(),
                        Map.of("title", String.valueOf(article.getFilename()), "content", text));
                ids.add(r.body().path("id").asString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (String id : ids) {
            while (!api.get("/api/v1/admin/knowledge/documents/" + id, target.ownerToken())
                    .body()
                    .path("status")
                    .asString()
                    .equals("ready")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the knowledge base was not ready within 2 minutes");
                }
                pause();
            }
        }
        return ids.size();
    }

    /** A benchmark's set-up, not a test: polling a fifth of a second apart keeps the server's CPU for the ingestion. */
    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
