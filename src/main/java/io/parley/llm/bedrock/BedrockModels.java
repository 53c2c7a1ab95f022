package io.parley.llm.bedrock;

import io.parley.llm.LanguageModel;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Creates models served by Amazon Bedrock Runtime's Converse API. All models share one streaming HTTP client (and its
 * connection pool); models in the same region and endpoint also share the SDK's clients, so {@link #model} is cheap
 * after the first call for a region. Credentials come from AWS's default chain (environment, system properties,
 * profile, container or instance role) when a call is made. Thread-safe. Close it when the application stops; the
 * models it created fail afterwards.
 */
public final class BedrockModels implements AutoCloseable {

    /** Meta's Llama 3.3 70B Instruct, the model Parley suggests for Bedrock. */
    public static final String DEFAULT_MODEL = "meta.llama3-3-70b-instruct-v1:0";

    /**
     * HTTP/1.1 everywhere: a plain-http endpoint (a local stand-in, a proxy) cannot negotiate HTTP/2, and the SDK's
     * HTTP/2 default then sends a preface no HTTP/1.1 server answers. Against AWS, HTTP/1.1 is what ConverseStream
     * clients such as boto3 use; it only costs one connection per concurrent stream.
     */
    private static final Protocol STREAMING_PROTOCOL = Protocol.HTTP1_1;

    /**
     * Concurrent streams (connections, with HTTP/1.1) before calls wait for one; the SDK's default of 50 is low for a
     * server where every open chat may be streaming. Bedrock's own quotas throttle well before this.
     */
    private static final int MAX_CONCURRENT_STREAMS = 256;

    /**
     * The SDK's own read timeout stays out of the way: each call's {@code request.timeout()} bounds it, and a model
     * may think for a while before its first token.
     */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final AwsCredentialsProvider credentials;
    private final @Nullable SdkAutoCloseable ownedCredentials;
    private final SdkEventLoopGroup eventLoops;
    private final SdkAsyncHttpClient streamingHttp;
    /**
     * Virtual threads for the SDK's blocking work, so that callers only ever wait with their deadline: Converse calls,
     * and the start of ConverseStream calls (signing, resolving credentials).
     */
    private final ExecutorService blockingCalls = Executors.newVirtualThreadPerTaskExecutor();

    private final Map<ClientKey, Clients> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Production: credentials from AWS's default chain, resolved (and refreshed) by the SDK per call. */
    public BedrockModels() {
        this(DefaultCredentialsProvider.builder().build(), true);
    }

    /** Tests and callers that hold their own credentials (e.g. static ones). */
    BedrockModels(AwsCredentialsProvider credentials) {
        this(credentials, false);
    }

    private BedrockModels(AwsCredentialsProvider credentials, boolean owned) {
        this.credentials = new CredentialsCheck(credentials);
        this.ownedCredentials = owned && credentials instanceof SdkAutoCloseable c ? c : null;
        // Our own event loops, so that closing need not wait out Netty's two-second quiet period as the SDK does.
        this.eventLoops = SdkEventLoopGroup.builder().build();
        this.streamingHttp = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(eventLoops)
                .protocol(STREAMING_PROTOCOL)
                .maxConcurrency(MAX_CONCURRENT_STREAMS)
                .connectionTimeout(CONNECT_TIMEOUT)
                .readTimeout(READ_TIMEOUT)
                .build();
    }

    /**
     * A model on Bedrock Runtime.
     *
     * @param id the provider id, for messages and {@link LanguageModel#id()}
     * @param endpoint overrides Bedrock Runtime's endpoint (tests, VPC endpoints); null for AWS's own
     * @param region the region; null to take it from the default AWS region chain (fail with an
     *     IllegalArgumentException saying to set parley.llm.providers.&lt;id&gt;.region when none is found)
     * @param modelId e.g. meta.llama3-3-70b-instruct-v1:0, anthropic.claude-3-5-haiku-20241022-v1:0, or an inference
     *     profile id
     */
    public LanguageModel model(String id, @Nullable URI endpoint, @Nullable String region, String modelId) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modelId, "modelId");
        if (modelId.isBlank()) {
            throw new IllegalArgumentException(
                    "provider '%s' needs a Bedrock model id, e.g. %s".formatted(id, DEFAULT_MODEL));
        }
        if (endpoint != null
                && (!List.of("http", "https").contains(endpoint.getScheme()) || endpoint.getHost() == null)) {
            throw new IllegalArgumentException(
                    "provider '%s' needs an http or https endpoint, e.g. https://bedrock-runtime.us-east-1.amazonaws.com"
                            .formatted(id));
        }
        if (closed) {
            throw new IllegalStateException("these Bedrock models have been closed");
        }
        var key = new ClientKey(endpoint, resolveRegion(id, region));
        Clients shared = clients.computeIfAbsent(key, this::createClients);
        return new BedrockLanguageModel(id, modelId, shared.streaming(), shared.blocking(), blockingCalls);
    }

    /**
     * Releases the clients and their threads; calls still running fail. Returns without waiting for Netty's event
     * loops, which wind down in the background (daemon threads). Safe on an interrupted thread, whose flag it keeps.
     */
    @Override
    public void close() {
        closed = true;
        // The SDK waits on futures while closing and would give up half-way on an interrupted thread.
        boolean interrupted = Thread.interrupted();
        try {
            blockingCalls.shutdownNow();
            clients.values().forEach(Clients::close);
            clients.clear();
            streamingHttp.close();
            // Netty's quiet period, as the SDK would use it, lets the callbacks of calls cut short finish; only the
            // wait for it is left out.
            eventLoops.eventLoopGroup().shutdownGracefully(2, 15, TimeUnit.SECONDS);
            if (ownedCredentials != null) {
                ownedCredentials.close();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Region resolveRegion(String id, @Nullable String region) {
        if (region != null && !region.isBlank()) {
            return Region.of(region.strip());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            // The chain's message lists where it looked; ours says what to set.
            throw new IllegalArgumentException(
                    "provider '%s' has no AWS region: set parley.llm.providers.%s.region (e.g. us-east-1) or AWS_REGION"
                            .formatted(id, id));
        }
    }

    private Clients createClients(ClientKey key) {
        // Parley retries, falls back and runs a circuit breaker itself; the SDK's retries would hide failures from
        // them and spend the caller's time. Each call sets its own apiCallTimeout.
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .addExecutionInterceptor(new ResponseArrival())
                .build();
        var streaming = BedrockRuntimeAsyncClient.builder()
                .region(key.region())
                .credentialsProvider(credentials)
                .httpClient(streamingHttp)
                .overrideConfiguration(overrides);
        var blocking = BedrockRuntimeClient.builder()
                .region(key.region())
                .credentialsProvider(credentials)
                .overrideConfiguration(overrides);
        if (key.endpoint() != null) {
            streaming.endpointOverride(key.endpoint());
            blocking.endpointOverride(key.endpoint());
        }
        return new Clients(streaming.build(), blocking.build());
    }

    private record ClientKey(@Nullable URI endpoint, Region region) {}

    /** The SDK's clients for one region and endpoint; the blocking one serves calls that cannot stream. */
    private record Clients(BedrockRuntimeAsyncClient streaming, BedrockRuntimeClient blocking) {
        void close() {
            streaming.close();
            blocking.close();
        }
    }
}
