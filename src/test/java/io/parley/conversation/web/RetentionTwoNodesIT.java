package io.parley.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.ParleyApplication;
import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationId;
import io.parley.conversation.ConversationStatus;
import io.parley.conversation.ConversationStore;
import io.parley.conversation.Retention;
import io.parley.conversation.VisitorId;
import io.parley.tenant.OrganizationId;
import io.parley.testing.TestDatabases;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two nodes on one PostgreSQL run the retention schedule at the same moment: one of them erases, once. */
class RetentionTwoNodesIT {

    @Test
    void onlyOneOfTwoNodesErasesAndTheAuditSaysSoOnce() throws Exception {
        try (TestDatabases.TestDatabase database = TestDatabases.postgres();
                ConfigurableApplicationContext first = start(database);
                ConfigurableApplicationContext second = start(database)) {
            JdbcClient jdbc = JdbcClient.create(database.dataSource());
            OrganizationId organization = TestDatabases.newOrganization(jdbc);
            ConversationStore store = first.getBean(ConversationStore.class);
            Instant old = Instant.now().minus(Duration.ofDays(40));
            List<ConversationId> ids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Conversation c = new Conversation(
                        ConversationId.generate(),
                        organization,
                        VisitorId.generate(),
                        null,
                        ConversationStatus.BOT,
                        old,
                        old,
                        0);
                store.create(c);
                ids.add(c.id());
            }
            first.getBean(Retention.class).setDays(organization, 30);

            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> runAfter(go, first));
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> runAfter(go, second));
            go.countDown();
            int byFirst = a.get();
            int bySecond = b.get();

            assertThat(List.of(byFirst, bySecond))
                    .as("erased by each node (-1: the other held the lease)")
                    .containsOnlyOnce(30);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM conversations WHERE organization_id = ?")
                            .param(organization.value())
                            .query(Integer.class)
                            .single())
                    .isZero();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE organization_id = ? AND actor = 'Parley'")
                            .param(organization.value())
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    private static int runAfter(CountDownLatch go, ConfigurableApplicationContext node) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return node.getBean(Retention.class).runOnce();
    }

    private static ConfigurableApplicationContext start(TestDatabases.TestDatabase database) throws Exception {
        String data = Files.createTempDirectory("parley-retention-").toString();
        byte[] signing = new byte[32];
        byte[] encryption = new byte[32];
        encryption[0] = 1;
        return new SpringApplicationBuilder(ParleyApplication.class)
                .run(
                        "--server.port=0",
                        "--parley.data-dir=" + data,
                        "--parley.demo.enabled=false",
                        "--spring.datasource.url=" + database.url(),
                        "--spring.datasource.username=" + TestDatabases.POSTGRES_USER,
                        "--parley.security.signing-key=" + Base64.getEncoder().encodeToString(signing),
                        "--parley.security.encryption-key="
                                + Base64.getEncoder().encodeToString(encryption),
                        // Runs only when the test says: the schedule's first run is far away.
                        "--parley.retention.first=PT10H");
    }
}
