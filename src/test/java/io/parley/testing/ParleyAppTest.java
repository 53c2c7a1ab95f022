package io.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port, with its own embedded database and, as its language model, a local
 * OpenAI-compatible server speaking the real wire format. Test classes extending this share one application context
 * (and one model server), so each should make its own organizations and not rely on global state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ParleyAppTest {

    /** The model every test class here talks to; scripts are cleared before each test. */
    protected static final ScriptedOpenAiServer MODEL = ScriptedOpenAiServer.start();

    /** The bearer token {@code /actuator/prometheus} requires here. */
    protected static final String METRICS_TOKEN = ParleyProcess.METRICS_TOKEN;

    private static final Path DATA_DIR = temporaryDirectory();

    @LocalServerPort
    protected int port;

    protected ParleyApi api;

    @DynamicPropertySource
    static void parley(DynamicPropertyRegistry registry) {
        registry.add("parley.data-dir", DATA_DIR::toString);
        registry.add("parley.demo.enabled", () -> "false");
        registry.add("parley.management.metrics-token", () -> METRICS_TOKEN);
        MODEL.springProperties("scripted").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("parley.llm.timeout", () -> "5s");
        // A second provider organizations may choose, served by the same test server under another model name.
        registry.add("parley.llm.providers.alt.type", () -> "openai");
        registry.add("parley.llm.providers.alt.base-url", () -> MODEL.baseUrl().toString());
        registry.add("parley.llm.providers.alt.model", () -> "alt-model");
        // Prices for the test server's models, per million tokens, so that costs are not zero.
        registry.add("parley.llm.prices[scripted-model].input", () -> "1.00");
        registry.add("parley.llm.prices[scripted-model].output", () -> "2.00");
        // Every test starts its conversations from 127.0.0.1: the per-address limit has its own test.
        registry.add("parley.chat.starts-per-address", () -> "1000000");
        registry.add("parley.chat.starts-per-site-key", () -> "1000000");
    }

    @BeforeEach
    void resetModelAndClient() {
        MODEL.reset();
        api = new ParleyApi(port);
    }

    protected ChatClient connect(String siteKey) {
        return ChatClient.connect(port, siteKey);
    }

    protected ChatClient connect(String siteKey, String visitorToken, String conversationId) {
        return ChatClient.connect(port, siteKey, visitorToken, conversationId, null);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("parley-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
