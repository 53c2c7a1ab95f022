package io.parley.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.outbound.OutboundException.Kind;
import io.parley.testing.LocalSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

class SafeHttpClientTest {

    private final LocalSite site = new LocalSite();
    private final List<SafeHttpClient> clients = new ArrayList<>();
    private final SafeHttpClient client =
            client(List.of("127.0.0.1/32"), Duration.ofSeconds(5), DataSize.ofMegabytes(1));
    private final SafeHttpClient publicOnly = client(List.of(), Duration.ofSeconds(5), DataSize.ofMegabytes(1));

    @AfterEach
    void close() throws IOException {
        site.close();
        for (SafeHttpClient each : clients) {
            each.close();
        }
    }

    @Test
    void fetchesAPageAndSaysWhoIsAsking() throws Exception {
        site.page("/page", 200, "text/html; charset=utf-8", "<h1>Opening hours</h1>");

        HttpResult result = client.get(site.url("/page"));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.finalUrl()).isEqualTo(site.url("/page"));
        assertThat(result.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(result.header("CONTENT-TYPE")).contains("text/html; charset=utf-8");
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("<h1>Opening hours</h1>");
        assertThat(site.requestHeaders().getFirst().get("User-agent"))
                .containsExactly("Parley/1.0 (+knowledge import)");
    }

    @Test
    void followsARedirectChainToTheFinalPage() throws Exception {
        site.redirect("/old", 301, "/moved")
                .redirect("/moved", 302, site.url("/again").toString())
                .redirect("/again", 308, "final")
                .page("/final", 200, "text/plain", "here");

        HttpResult result = client.get(site.url("/old"));

        assertThat(result.finalUrl()).isEqualTo(site.url("/final"));
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("here");
    }

    @Test
    void stopsAfterFiveRedirects() {
        site.route("/loop/", exchange -> {
            int step = Integer.parseInt(exchange.getRequestURI().getPath().substring("/loop/".length()));
            exchange.getResponseHeaders().add("Location", "/loop/" + (step + 1));
            exchange.sendResponseHeaders(302, -1);
        });

        assertFails(() -> client.get(site.url("/loop/0")), Kind.TOO_MANY_REDIRECTS, "too many redirects");
        assertThat(site.hits("/loop/5")).isEqualTo(1);
        assertThat(site.hits("/loop/6")).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/admin", "http://[::1]:%d/page"})
    void refusesARedirectToAPrivateAddressBeforeConnecting(String target) {
        String location = target.formatted(site.port());
        site.redirect("/go", 302, location).page("/page", 200, "text/plain", "loopback over IPv6");
        String host = URI.create(location).getHost();

        // A connection attempt to 10.0.0.5 or the metadata address would time out or be refused instead.
        assertFails(
                () -> client.get(site.url("/go")),
                Kind.BLOCKED_ADDRESS,
                "the site redirected to " + host + ", which is a private network address; that is not allowed");
    }

    @Test
    void refusesLoopbackWhenNoNetworkIsAllowed() {
        site.page("/page", 200, "text/plain", "internal");

        assertFails(
                () -> publicOnly.get(site.url("/page")),
                Kind.BLOCKED_ADDRESS,
                "the address 127.0.0.1 is a private network address, which is not allowed");
        assertThat(site.hits("/page")).isZero();
    }

    @Test
    void refusesTheNameLocalhost() {
        site.page("/page", 200, "text/plain", "internal");

        assertFails(
                () -> publicOnly.get(URI.create("http://localhost:" + site.port() + "/page")),
                Kind.BLOCKED_ADDRESS,
                "the address localhost resolves to a private network address, which is not allowed");
        assertThat(site.hits("/page")).isZero();
    }

    @Test
    void refusesLoopbackWrittenAsAnIpv4MappedIpv6Address() {
        site.page("/page", 200, "text/plain", "internal");

        assertFails(
                () -> publicOnly.get(URI.create("http://[::ffff:127.0.0.1]:" + site.port() + "/page")),
                Kind.BLOCKED_ADDRESS,
                "is a private network address");
        assertThat(site.hits("/page")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/file.txt", "file:/etc/passwd", "file:///etc/passwd", "mailto:a@b.c"})
    void fetchesOnlyWebAddresses(String address) {
        assertFails(
                () -> client.get(URI.create(address)), Kind.BAD_URL, "only http and https addresses can be fetched");
    }

    @Test
    void refusesARedirectToAFile() {
        site.redirect("/go", 302, "file:///etc/passwd");

        assertFails(() -> client.get(site.url("/go")), Kind.BAD_URL, "only http and https addresses can be fetched");
    }

    @Test
    void refusesABodyOverTheLimitWhileItStreamsIn() throws Exception {
        long offered = DataSize.ofMegabytes(256).toBytes();
        AtomicLong written = new AtomicLong();
        CountDownLatch serverDone = new CountDownLatch(1);
        site.route("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length to refuse up front
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                while (written.get() < offered) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException clientHungUp) {
                // expected: the client stops reading and drops the connection
            } finally {
                serverDone.countDown();
            }
        });
        SafeHttpClient small = client(List.of("127.0.0.1/32"), Duration.ofSeconds(30), DataSize.ofKilobytes(64));

        assertFails(() -> small.get(site.url("/huge")), Kind.TOO_LARGE, "the page is larger than 64 KB");

        assertThat(serverDone.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(written.get()).isLessThan(offered / 4);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReadingIt() {
        site.route("/declared", exchange -> {
            exchange.sendResponseHeaders(200, DataSize.ofMegabytes(100).toBytes());
            exchange.getResponseBody().write(new byte[1024]);
            exchange.getResponseBody().flush();
            site.hang(); // a client that tried to read the body would wait here until its deadline
        });
        SafeHttpClient small = client(List.of("127.0.0.1/32"), Duration.ofSeconds(30), DataSize.ofMegabytes(5));

        assertFails(() -> small.get(site.url("/declared")), Kind.TOO_LARGE, "the page is larger than 5 MB");
    }

    @Test
    void countsTheUnpackedSizeOfACompressedBody() throws Exception {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            gzip.write(new byte[(int) DataSize.ofMegabytes(8).toBytes()]);
        }
        site.route("/bomb", exchange -> {
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            LocalSite.respond(exchange, 200, "text/html", packed.toByteArray());
        });

        assertThat(packed.size()).isLessThan((int) DataSize.ofKilobytes(64).toBytes());
        assertFails(() -> client.get(site.url("/bomb")), Kind.TOO_LARGE, "the page is larger than 1 MB");
    }

    @Test
    void givesUpOnASiteThatNeverAnswers() {
        site.route("/silent", exchange -> site.hang());
        SafeHttpClient impatient = client(List.of("127.0.0.1/32"), Duration.ofMillis(300), DataSize.ofMegabytes(1));

        assertFails(() -> impatient.get(site.url("/silent")), Kind.TIMEOUT, "the site did not answer within 300 ms");
    }

    @Test
    void givesUpOnASiteThatStopsHalfWayThroughThePage() {
        site.route("/stalls", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("<html><body>Our opening".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            site.hang();
        });
        SafeHttpClient impatient = client(List.of("127.0.0.1/32"), Duration.ofMillis(300), DataSize.ofMegabytes(1));

        assertFails(() -> impatient.get(site.url("/stalls")), Kind.TIMEOUT, "the site did not answer within 300 ms");
    }

    /** Each byte comes well within the read timeout; only the deadline for the whole request ends it. */
    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void givesUpOnASiteThatDripsThePageForever() {
        site.route("/drip", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            while (true) {
                out.write(' ');
                out.flush();
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the slow site, not the test, waits
            }
        });
        SafeHttpClient impatient = client(List.of("127.0.0.1/32"), Duration.ofMillis(500), DataSize.ofMegabytes(1));

        assertFails(() -> impatient.get(site.url("/drip")), Kind.TIMEOUT, "the site did not answer within 500 ms");
    }

    @Test
    void reportsAnErrorStatusFromGetButReturnsItFromSend() throws Exception {
        site.page("/missing", 404, "text/plain", "no such page")
                .route(
                        "/orders",
                        exchange -> LocalSite.respond(
                                exchange,
                                422,
                                "application/json",
                                exchange.getRequestBody().readAllBytes()));

        assertFails(() -> client.get(site.url("/missing")), Kind.HTTP_ERROR, "HTTP 404");

        byte[] order = "{\"sku\":\"A-1\"}".getBytes(StandardCharsets.UTF_8);
        HttpResult result = client.send(
                new OutboundRequest("post", site.url("/orders"), Map.of("Content-Type", "application/json"), order));
        assertThat(result.status()).isEqualTo(422);
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.body()).isEqualTo(order);
        assertThat(site.requestHeaders().getLast().get("Content-type")).containsExactly("application/json");
    }

    @Test
    void doesNotHandCredentialsToAnotherSiteOnRedirect() throws Exception {
        try (LocalSite other = new LocalSite()) {
            other.page("/landing", 200, "text/plain", "other site");
            site.redirect("/api", 307, other.url("/landing").toString());

            client.send(new OutboundRequest(
                    "GET", site.url("/api"), Map.of("Authorization", "Bearer secret", "Accept", "text/plain"), null));

            assertThat(site.requestHeaders().getFirst()).containsKey("Authorization");
            assertThat(other.requestHeaders().getFirst())
                    .doesNotContainKey("Authorization")
                    .containsEntry("Accept", List.of("text/plain"));
        }
    }

    /** One tenant's request must not carry a cookie that another tenant's site set. */
    @Test
    void keepsNoCookiesBetweenRequests() throws Exception {
        site.route("/set", exchange -> {
                    exchange.getResponseHeaders().add("Set-Cookie", "session=tenant-a; Path=/");
                    LocalSite.respond(exchange, 200, "text/plain", "set".getBytes(StandardCharsets.UTF_8));
                })
                .page("/check", 200, "text/plain", "checked");

        client.get(site.url("/set"));
        client.get(site.url("/check"));

        assertThat(site.requestHeaders().getLast()).doesNotContainKey("Cookie");
    }

    @Test
    void saysWhenTheSiteRefusesTheConnection() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertFails(
                () -> client.get(URI.create("http://127.0.0.1:" + closedPort + "/")),
                Kind.UNREACHABLE,
                "127.0.0.1 refused the connection");
    }

    private SafeHttpClient client(List<String> allowed, Duration timeout, DataSize maxSize) {
        SafeHttpClient client = new SafeHttpClient(new OutboundProperties(allowed, timeout, timeout, maxSize));
        clients.add(client);
        return client;
    }

    private static void assertFails(ThrowingCallable call, Kind kind, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        OutboundException.class,
                        e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind))
                .hasMessageContaining(message);
    }
}
