package io.parley.outbound;

import io.parley.outbound.OutboundException.Kind;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to addresses that tenants give the platform, which must never become a way into the platform's own network
 * (server-side request forgery). For every request and every redirect it follows:
 *
 * <ul>
 *   <li>only {@code http} and {@code https} addresses, without a user name or password in them;
 *   <li>the host's name is resolved once and every address it resolves to must be public (see {@link AddressPolicy});
 *       the connection then goes to one of exactly those addresses, so a DNS server cannot answer differently between
 *       the check and the connection ({@link VettingDnsResolver}); no proxy is used, which would resolve the name
 *       itself;
 *   <li>redirects are followed here, at most {@value #MAX_REDIRECTS}, each checked like the first address; a
 *       redirect to another site does not carry the request's credentials along ({@link Redirect});
 *   <li>a connect timeout, and one deadline for the whole request, redirects and body included, which cancels the
 *       request however slowly the site drips bytes;
 *   <li>a maximum response size, enforced while the body streams in: a larger body is cut off, not buffered first;
 *   <li>no cookies, no stored credentials and no retries shared between requests, so one tenant's request cannot
 *       carry state into another's.
 * </ul>
 *
 * <p>Thread-safe; one instance serves the application and pools connections. {@link #close()} releases them.
 */
public final class SafeHttpClient implements AutoCloseable {

    static final String USER_AGENT = "Parley/1.0 (+knowledge import)";
    static final int MAX_REDIRECTS = 5;

    private static final Logger log = LoggerFactory.getLogger(SafeHttpClient.class);

    private final CloseableHttpClient http;
    private final ScheduledThreadPoolExecutor deadlines;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final long maxResponseBytes;

    public SafeHttpClient(OutboundProperties settings) {
        this.connectTimeout = settings.connectTimeout();
        this.timeout = settings.timeout();
        this.maxResponseBytes = settings.maxResponseSize().toBytes();
        this.http = PooledHttpClient.create(settings);
        this.deadlines = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name("outbound-deadline").daemon().factory());
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    /**
     * Fetches a page: a GET whose final answer, after redirects, must be a success.
     *
     * @throws OutboundException with {@link Kind#HTTP_ERROR} for any other status, and as {@link #send} does
     */
    public HttpResult get(URI url) throws OutboundException {
        HttpResult result = send(OutboundRequest.get(url));
        if (!result.isSuccess()) {
            throw OutboundException.httpError(result.status());
        }
        return result;
    }

    /**
     * Sends the request and follows redirects. The answer may have any status: a caller of a business's API may need
     * a 422's body.
     *
     * @throws OutboundException when the address may not be reached, or no complete answer came within the limits
     */
    public HttpResult send(OutboundRequest request) throws OutboundException {
        long deadline = System.nanoTime() + timeout.toNanos();
        OutboundRequest hop = request;
        for (int redirects = 0; ; redirects++) {
            checkUrl(hop.url(), redirects > 0);
            Answer answer = exchange(hop, deadline, redirects > 0);
            if (answer.next() == null) {
                return answer.result();
            }
            if (redirects == MAX_REDIRECTS) {
                throw new OutboundException(
                        Kind.TOO_MANY_REDIRECTS, "too many redirects (more than " + MAX_REDIRECTS + ")");
            }
            hop = answer.next();
        }
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }

    /** Either the final answer or the next request to make. */
    private record Answer(@Nullable HttpResult result, @Nullable OutboundRequest next) {}

    private Answer exchange(OutboundRequest request, long deadline, boolean redirected) throws OutboundException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw OutboundException.timeout(timeout, null);
        }
        HttpUriRequestBase call = toHttpClient(request);
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> alarm = deadlines.schedule(
                () -> {
                    timedOut.set(true);
                    call.cancel();
                },
                remaining,
                TimeUnit.NANOSECONDS);
        ClassicHttpResponse response = null;
        boolean bodyRead = false;
        try {
            response = http.executeOpen(null, call, null);
            int status = response.getCode();
            log.debug(
                    "outbound {} to {} answered {}",
                    request.method(),
                    request.url().getHost(),
                    status);
            Header location = response.getFirstHeader(HttpHeaders.LOCATION);
            if (Redirect.isRedirect(status) && location != null) {
                return new Answer(null, Redirect.follow(request, status, location.getValue()));
            }
            byte[] body = BoundedBody.read(response.getEntity(), maxResponseBytes);
            bodyRead = true;
            Header contentType = response.getFirstHeader(HttpHeaders.CONTENT_TYPE);
            return new Answer(
                    new HttpResult(
                            request.url(),
                            status,
                            contentType == null ? null : contentType.getValue(),
                            headers(response),
                            body),
                    null);
        } catch (IOException e) {
            throw Failures.of(e, request.url(), timedOut.get(), redirected, connectTimeout, timeout);
        } finally {
            if (!bodyRead) {
                // Closing a response reads the rest of its body to reuse the connection: drop the connection instead.
                call.cancel();
            }
            closeQuietly(response);
            alarm.cancel(false);
        }
    }

    private static void checkUrl(URI url, boolean redirected) throws OutboundException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String prefix = redirected ? "the site redirected to an address that cannot be fetched: " : "";
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new OutboundException(Kind.BAD_URL, prefix + "only http and https addresses can be fetched");
        }
        if (url.getHost() == null) {
            throw new OutboundException(Kind.BAD_URL, prefix + "the address has no valid site name");
        }
        if (url.getRawUserInfo() != null) {
            throw new OutboundException(
                    Kind.BAD_URL, prefix + "addresses with a user name or password in them cannot be fetched");
        }
    }

    private static HttpUriRequestBase toHttpClient(OutboundRequest request) {
        HttpUriRequestBase call = new HttpUriRequestBase(request.method(), request.url());
        request.headers().forEach(call::setHeader);
        if (request.body() != null) {
            call.setEntity(new ByteArrayEntity(request.body(), null));
        }
        return call;
    }

    private static Map<String, List<String>> headers(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        return headers;
    }

    private static void closeQuietly(@Nullable ClassicHttpResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException e) {
            // The connection was discarded or the body fully read: nothing is lost.
        }
    }
}
