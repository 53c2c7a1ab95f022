package io.parley.tenant;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.testing.ParleyApi;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in, sign-up and password-reset requests under the default limits, from client addresses told apart as a proxy
 * in front of Parley tells them (with {@code X-Forwarded-For}): strangers cannot keep a member out, one address is
 * slowed down, bursts get no more than the budget checked, and passwords are hashed at OWASP's Argon2id cost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SignInHardeningIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String WRONG = "a wrong password guess";
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private ParleyApi api;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("parley-sign-in-");
        registry.add("parley.data-dir", dataDir::toString);
        registry.add("parley.demo.enabled", () -> "false");
        // The test plays the proxy: only a trusted one may say who the client is.
        registry.add("parley.security.trusted-proxies", () -> "127.0.0.1/32,::1/128");
        // Other tests lift it (src/test/resources/config): this one checks the default.
        registry.add("parley.security.sign-in.sign-ups-per-address", () -> "10");
    }

    @BeforeEach
    void client() {
        api = new ParleyApi(port);
    }

    @Test
    void theOwnerSignsInFromTheirAddressAfterAStrangersTwentyFailuresFromAnother() {
        String owner = signUp(newAddress());
        String stranger = newAddress();
        List<Integer> strangers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            strangers.add(login(owner, WRONG, stranger).status());
        }
        for (int i = 0; i < 20; i++) {
            strangers.add(login(owner, WRONG, newAddress()).status());
        }

        ParleyApi.Response theirs = login(owner, PASSWORD, newAddress());

        assertThat(strangers.subList(0, 5)).containsOnly(401);
        assertThat(strangers.subList(5, 20)).containsOnly(429);
        assertThat(strangers.subList(20, 40)).containsOnly(401);
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.body().path("accessToken").asString()).isNotBlank();
    }

    @Test
    void oneAddressIsSlowedDownAfterFiveFailuresWith429AndRetryAfterWithoutCheckingThePassword() {
        String owner = signUp(newAddress());
        String address = newAddress();
        for (int i = 0; i < 5; i++) {
            assertProblem(login(owner, WRONG, address).body(), 401, "/problems/invalid-credentials");
        }
        double checkedBefore = verified();

        ParleyApi.Response slowed = login(owner, PASSWORD, address);

        assertProblem(slowed.body(), 429, "/problems/too-many-login-attempts");
        assertThat(Long.parseLong(slowed.header("Retry-After"))).isBetween(1L, 5L);
        assertThat(slowed.body().path("detail").asString()).contains("Wait", "seconds");
        assertThat(verified()).as("a refused try costs no hash").isEqualTo(checkedBefore);
        assertThat(login(owner, PASSWORD, newAddress()).status()).isEqualTo(200);
        assertThat(login(signUp(newAddress()), PASSWORD, address).status())
                .as("another member from the same address")
                .isEqualTo(200);
    }

    @Test
    void aBurstOf200ParallelWrongPasswordsFromOneAddressGetsOnlyTheBudgetChecked() throws Exception {
        String owner = signUp(newAddress());
        String address = newAddress();

        Burst burst = burst(i -> address, owner);

        System.out.printf(
                "Burst of 200 parallel wrong passwords, one account, one address: %d checked against the hash,"
                        + " statuses %s, peak heap %d MiB (from %d MiB before), %d ms%n",
                burst.checked(), burst.statuses(), burst.peakHeapMib(), burst.heapBeforeMib(), burst.millis());
        assertThat(burst.checked()).isEqualTo(5);
        assertThat(burst.statuses()).containsOnlyKeys(401, 429).containsEntry(401, 5L);
        assertThat(login(owner, PASSWORD, newAddress()).status()).isEqualTo(200);
    }

    @Test
    void aBurstOf200ParallelWrongPasswordsFrom200AddressesIsHashedAFewAtATimeAndTheRestWaitOrGet503() throws Exception {
        String owner = signUp(newAddress());
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            addresses.add(newAddress());
        }

        Burst burst = burst(addresses::get, owner);

        System.out.printf(
                "Burst of 200 parallel wrong passwords, one account, 200 addresses: %d checked against the hash,"
                        + " statuses %s, peak heap %d MiB (from %d MiB before), %d ms%n",
                burst.checked(), burst.statuses(), burst.peakHeapMib(), burst.heapBeforeMib(), burst.millis());
        assertThat(burst.checked()).isLessThanOrEqualTo(200);
        assertThat(burst.statuses().keySet()).isSubsetOf(401, 503);
        assertThat(burst.retryAfterMissing()).isZero();
        assertThat(login(owner, PASSWORD, newAddress()).status()).isEqualTo(200);
    }

    @Test
    void signUpIsLimitedPerAddressSoThatEmailsCannotBeProbedInBulk() {
        String address = newAddress();
        String taken = signUp(newAddress());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(signUpAs(i % 2 == 0 ? taken : uniqueEmail(), address).status());
        }

        ParleyApi.Response refused = signUpAs(uniqueEmail(), address);

        assertThat(statuses).containsOnly(201, 409);
        assertProblem(refused.body(), 429, "/problems/too-many-sign-ups");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(signUpAs(taken, address).status())
                .as("a taken email is not revealed either")
                .isEqualTo(429);
        assertThat(signUpAs(uniqueEmail(), newAddress()).status()).isEqualTo(201);
    }

    @Test
    void passwordResetRequestsAreLimitedPerEmailAndPerAddress(CapturedOutput output) {
        String owner = signUp(newAddress());
        for (int i = 0; i < 4; i++) {
            assertThat(resetRequest(owner, newAddress()).status()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> links(output) == 3);
        assertThat(drops(output)).as("the fourth for the same email is dropped").isEqualTo(1);

        String address = newAddress();
        for (int i = 0; i < 20; i++) {
            resetRequest(uniqueEmail(), address);
        }
        assertThat(drops(output)).isEqualTo(1);
        assertThat(resetRequest(owner + ".other", address).status()).isEqualTo(202);
        assertThat(drops(output)).as("the 21st from one address is dropped").isEqualTo(2);
    }

    @Test
    void aNewMembersPasswordIsHashedWithArgon2idAtOwaspsCost() {
        String owner = signUp(newAddress());

        assertThat(storedHash(owner)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void aHashMadeWith16MibStillVerifiesAndIsUpgradedOnSignInWithoutSigningOut() {
        String address = newAddress();
        ParleyApi.Response signedUp = signUpAs(uniqueEmail(), address);
        String owner = signedUp.body().path("user").path("email").asString();
        String old = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD);
        jdbc.sql("UPDATE members SET password_hash = ? WHERE email = ?")
                .params(old, owner)
                .update();

        assertThat(login(owner, PASSWORD, address).status()).isEqualTo(200);

        assertThat(storedHash(owner)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(login(owner, PASSWORD, address).status()).isEqualTo(200);
        assertThat(api.get(
                                "/api/v1/admin/organization",
                                signedUp.body().path("accessToken").asString())
                        .status())
                .as("the same password: earlier tokens keep working")
                .isEqualTo(200);
    }

    @Test
    void aMalformedForwardedAddressCountsAgainstTheProxyItCameThrough() {
        String owner = signUp(newAddress());
        for (int i = 0; i < 5; i++) {
            assertThat(login(owner, WRONG, "not-an-address").status()).isEqualTo(401);
        }

        assertThat(login(owner, WRONG, "still-not-one").status()).isEqualTo(429);
        assertThat(login(owner, PASSWORD, newAddress()).status()).isEqualTo(200);
    }

    private record Burst(
            long checked,
            Map<Integer, Long> statuses,
            long retryAfterMissing,
            long heapBeforeMib,
            long peakHeapMib,
            long millis) {}

    private Burst burst(IntFunction<String> addressOf, String email) throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        System.gc();
        long before = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        double checkedBefore = verified();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ParleyApi.Response>> answers = new ArrayList<>();
        long began;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                String address = addressOf.apply(i);
                answers.add(clients.submit(() -> {
                    start.await();
                    return login(email, WRONG, address);
                }));
            }
            began = System.nanoTime();
            start.countDown();
            for (Future<ParleyApi.Response> answer : answers) {
                answer.get();
            }
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        long peak =
                heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        long retryAfterMissing = 0;
        for (Future<ParleyApi.Response> answer : answers) {
            ParleyApi.Response response = answer.get();
            statuses.merge(response.status(), 1L, Long::sum);
            if ((response.status() == 429 || response.status() == 503) && response.header("Retry-After") == null) {
                retryAfterMissing++;
            }
        }
        return new Burst(
                Math.round(verified() - checkedBefore), statuses, retryAfterMissing, before >> 20, peak >> 20, millis);
    }

    private double verified() {
        return meters.counter("parley.passwords.hashes", "operation", "verify").count();
    }

    private String signUp(String address) {
        String email = uniqueEmail();
        ParleyApi.Response response = signUpAs(email, address);
        assertThat(response.status()).as("sign-up: %s", response).isEqualTo(201);
        return email;
    }

    private ParleyApi.Response signUpAs(String email, String address) {
        return api.call(
                "POST",
                "/api/v1/auth/signup",
                null,
                Map.of("email", email, "password", PASSWORD, "organizationName", "Bright Bikes"),
                Map.of("X-Forwarded-For", address));
    }

    private ParleyApi.Response login(String email, String password, String address) {
        return api.call(
                "POST",
                "/api/v1/auth/login",
                null,
                Map.of("email", email, "password", password),
                Map.of("X-Forwarded-For", address));
    }

    private ParleyApi.Response resetRequest(String email, String address) {
        return api.call(
                "POST",
                "/api/v1/auth/password-reset",
                null,
                Map.of("email", email),
                Map.of("X-Forwarded-For", address));
    }

    private String storedHash(String email) {
        return jdbc.sql("SELECT password_hash FROM members WHERE email = ?")
                .param(email)
                .query(String.class)
                .single();
    }

    private static long links(CapturedOutput output) {
        return Pattern.compile("/console/password-reset/[A-Za-z0-9_-]{43}")
                .matcher(output.getAll())
                .results()
                .count();
    }

    private static long drops(CapturedOutput output) {
        return Pattern.compile("Password reset request dropped")
                .matcher(output.getAll())
                .results()
                .count();
    }

    private static String uniqueEmail() {
        return "member-" + UUID.randomUUID() + "@example.com";
    }

    /** A client address of its own for each use, from the benchmarking range 198.18.0.0/15. */
    private static String newAddress() {
        int n = NEXT_ADDRESS.incrementAndGet();
        return "198.18." + (n >> 8) + "." + (n & 0xff);
    }
}
