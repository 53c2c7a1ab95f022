package io.parley.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.tenant.OrganizationId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Every tool an organization's assistant has: those its {@link ToolSource}s offer, and the engine's own way to a
 * person. Checks arguments against the tool's schema and runs a tool so that nothing it does can hurt a turn: within a
 * time limit, on its own thread, with its answer capped, a failure coming back as text. Thread-safe.
 */
public final class Toolbox {

    private static final Logger log = LoggerFactory.getLogger(Toolbox.class);

    /** The longest answer a tool may give the model: more is a failure, not megabytes in a prompt. */
    public static final int MAX_RESULT = 16_000;

    static final String FAILED = "The tool failed unexpectedly. Try again later, or offer the customer a person.";

    private static final OfferedTool TRANSFER =
            new OfferedTool(TransferToHuman.TOOL, OfferedTool.Identity.NONE, "Finding someone from the team…", true);

    private final List<ToolSource> sources;
    private final ToolArguments arguments = new ToolArguments();
    private final Duration timeout;
    private final ExecutorService runner = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("parley-tool-", 0).factory());

    private final MeterRegistry meters;

    /**
     * @param timeout the longest one tool call may take
     * @param meters where each call's time goes ({@code parley.tool.calls}, by kind and outcome)
     */
    public Toolbox(List<ToolSource> sources, Duration timeout, MeterRegistry meters) {
        this.sources = List.copyOf(sources);
        this.timeout = timeout;
        this.meters = meters;
    }

    public Toolbox(List<ToolSource> sources, Duration timeout) {
        this(sources, timeout, new SimpleMeterRegistry());
    }

    /** Only the engine's own way to a person: for engines without features (tests, benchmarks). */
    public static final Toolbox NONE = new Toolbox(List.of(), Duration.ofSeconds(10));

    /**
     * The organization's tools, by name. The engine's {@code transfer_to_human} is among them unless a source offers
     * its own way to a person. A name offered twice keeps its first source.
     */
    public List<OfferedTool> offered(OrganizationId organization) {
        Map<String, OfferedTool> byName = new LinkedHashMap<>();
        for (ToolSource source : sources) {
            for (OfferedTool tool : source.tools(organization)) {
                if (byName.putIfAbsent(tool.name(), tool) != null) {
                    log.warn("Tool {} is offered twice; the first is kept", tool.name());
                }
            }
        }
        if (byName.values().stream().noneMatch(OfferedTool::handsOver)) {
            byName.putIfAbsent(TRANSFER.name(), TRANSFER);
        }
        return List.copyOf(byName.values());
    }

    public Optional<OfferedTool> find(OrganizationId organization, String name) {
        return offered(organization).stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * The arguments, valid against the tool's schema.
     *
     * @throws InvalidToolArgumentsException saying what is wrong, in words a model (or a person) can act on
     */
    public JsonNode check(OfferedTool tool, String json) {
        try {
            return arguments.check(tool, json);
        } catch (ToolArguments.Invalid e) {
            throw new InvalidToolArgumentsException(e.getMessage());
        }
    }

    /** Runs a tool for a member of the business (console, admin API): no customer restriction, nothing to confirm. */
    public ToolResult runForBusiness(OrganizationId organization, OfferedTool tool, JsonNode args) {
        return run(
                tool,
                new ToolRun(
                        organization,
                        null,
                        tool.name(),
                        args,
                        null,
                        true,
                        UUID.randomUUID().toString()));
    }

    /** What a write will do, in words the customer confirms. */
    String summarize(OrganizationId organization, OfferedTool tool, JsonNode args) {
        ToolSource source = sourceOf(organization, tool.name());
        try {
            String summary = source == null
                    ? ToolSummaries.generic(tool.name(), args)
                    : source.summarize(organization, tool.name(), args);
            return summary == null || summary.isBlank() ? ToolSummaries.generic(tool.name(), args) : summary.strip();
        } catch (RuntimeException e) {
            log.warn("Tool {} could not summarize a call", tool.name(), e);
            return ToolSummaries.generic(tool.name(), args);
        }
    }

    /**
     * Runs a tool on its own thread and waits at most the time limit: a tool that throws, hangs or answers too much
     * gives a failure the model can read, never an exception.
     */
    ToolResult run(OfferedTool tool, ToolRun run) {
        long started = System.nanoTime();
        ToolResult result = runTimed(tool, run);
        Timer.builder("parley.tool.calls")
                .description("Tool calls by the assistant or the business, from start to result")
                .tag("kind", tool.writes() ? "write" : "read")
                .tag("outcome", result instanceof ToolResult.Done ? "done" : "failed")
                .publishPercentiles(0.5, 0.99)
                .register(meters)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return result;
    }

    private ToolResult runTimed(OfferedTool tool, ToolRun run) {
        if (tool == TRANSFER) {
            return new ToolResult.Done("\"Transfer successful\"");
        }
        ToolSource source = sourceOf(run.organization(), tool.name());
        if (source == null) {
            return new ToolResult.Failed("No such tool is available.");
        }
        Future<ToolResult> running = runner.submit(() -> source.run(run));
        ToolResult result;
        try {
            result = running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            log.warn("Tool {} did not answer within {}", tool.name(), timeout);
            return new ToolResult.Failed("The tool did not answer in time. Try again later, or offer a person.");
        } catch (ExecutionException e) {
            log.error("Tool {} failed", tool.name(), e.getCause());
            return new ToolResult.Failed(FAILED);
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return new ToolResult.Failed(FAILED);
        }
        if (result == null) {
            return new ToolResult.Failed(FAILED);
        }
        if (result instanceof ToolResult.Done done && done.json().length() > MAX_RESULT) {
            log.warn(
                    "Tool {} answered {} characters; refused",
                    tool.name(),
                    done.json().length());
            return new ToolResult.Failed("The tool's answer was too large to use.");
        }
        if (result instanceof ToolResult.Failed failed && failed.message().length() > 2_000) {
            return new ToolResult.Failed(failed.message().substring(0, 2_000));
        }
        return result;
    }

    private ToolSource sourceOf(OrganizationId organization, String name) {
        for (ToolSource source : sources) {
            for (OfferedTool tool : source.tools(organization)) {
                if (tool.name().equals(name)) {
                    return source;
                }
            }
        }
        return null;
    }

    /** The names of the tools that identify a customer, for telling the model what to do first. */
    static List<String> identifying(List<OfferedTool> tools) {
        List<String> names = new ArrayList<>();
        for (OfferedTool t : tools) {
            if (t.identity() == OfferedTool.Identity.IDENTIFIES) {
                names.add(t.name());
            }
        }
        return names;
    }
}
