package io.parley.widget;

import java.nio.file.Path;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Settings for a browser test's server: the demo organization, in a data directory of the test class's own. */
final class DemoServer {

    private DemoServer() {}

    static void configure(DynamicPropertyRegistry registry, Class<?> testClass) {
        Path dataDir = Path.of("target", "e2e-data", testClass.getSimpleName() + "-" + UUID.randomUUID())
                .toAbsolutePath();
        registry.add("parley.data-dir", dataDir::toString);
        registry.add("parley.demo.enabled", () -> "true");
    }

    static String home(int port) {
        return "http://localhost:" + port + "/";
    }
}
