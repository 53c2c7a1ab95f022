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

    private static final Path DATA_DIR = temporaryDirectory();

    @LocalServerPort
    protected int port;

    protected ParleyApi api;

    @DynamicPropertySource
    static void parley(DynamicPropertyRegistry registry) {
        registry.add("parley.data-dir", DATA_DIR::toString);
        registry.add("parley.demo.enabled", () -> "false");
        MODEL.springProperties("scripted").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("parley.llm.timeout", () -> "5s");
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
