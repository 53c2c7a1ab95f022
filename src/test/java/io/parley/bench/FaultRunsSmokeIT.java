package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bench.faults.FaultReport;
import io.parley.bench.faults.FaultRuns;
import io.parley.bench.faults.FaultSettings;
import io.parley.testing.TestDatabases;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each fault run ({@code ./bench/run fault-…}) at smoke size against the packaged server: a handful of customers,
 * short timeouts, the database outage through the TCP proxy. The runs' own verdicts are asserted, so this fails
 * when the server loses, hangs or leaks under a fault, not only when the harness breaks. Sizes and timings are the
 * runs' settings; no timing figure is asserted beyond the bounds each run's verdict defines.
 */
class FaultRunsSmokeIT {

    /** Five server starts make most of this test's time; the C1 compiler alone starts the server sooner. */
    private static final String QUICK_START = "jvm=-XX:TieredStopAtLevel=1";

    /** A graceful shutdown that takes longer (a finding the real runs report) is cut short by SIGKILL. */
    private static final String STOP_WITHIN = "stopWithin=5s";

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void killNineMidLoadLosesNoAcknowledgedMessage() throws Exception {
        assertPassed(FaultRuns.run(
                "kill9",
                FaultSettings.of(
                        "customers=5",
                        "loadFor=0s",
                        "killAfterAcks=20",
                        "replyWithin=15s",
                        "heap=256m",
                        QUICK_START,
                        STOP_WITHIN)));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void everyMisbehaviourOfTheModelGetsAnAnswerInBoundedTime() throws Exception {
        // One customer per kind of fault (eleven), each sending one message, then one more with the model healthy.
        assertPassed(FaultRuns.run(
                "model",
                FaultSettings.of(
                        "customers=11",
                        "messages=1",
                        "llmTimeout=2s",
                        "margin=2s",
                        "heap=256m",
                        QUICK_START,
                        STOP_WITHIN)));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aDatabaseOutageIsToldToCustomersAndRecoveredFromWithoutLoss() throws Exception {
        TestDatabases.requirePostgres();
        assertPassed(FaultRuns.run(
                "database",
                FaultSettings.of(
                        "mode=proxy",
                        "customers=5",
                        "before=0s",
                        "outage=2s",
                        "after=500ms",
                        "ackTimeout=500ms",
                        "margin=1500ms",
                        "heap=256m",
                        QUICK_START,
                        STOP_WITHIN)));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void vanishingSlowAndStormingClientsAreHandledWithBoundedMemory() throws Exception {
        assertPassed(FaultRuns.run(
                "clients",
                FaultSettings.of(
                        "control=5",
                        "controlEvery=300ms",
                        "window=1500ms",
                        "idleTimeout=1s",
                        "evictAfter=1s",
                        "vanishing=5",
                        // Tomcat then waits 30 s for the vanished clients' answer to its close: real runs wait.
                        "awaitConnectionClose=false",
                        "slowReaders=1",
                        // Long replies sent fast fill the kernel's buffers for the slow reader in seconds.
                        "slowEvery=20ms",
                        "longReplyChunks=10",
                        "longReplyChunkDelay=1ms",
                        "sendBuffer=16384",
                        "sendTimeLimit=1s",
                        "dropWithin=30s",
                        "canaries=0",
                        "storm=20",
                        "stormWithin=30s",
                        // A resume sent just after a reply arrived live gets that reply again (the API's resume
                        // replays every seq above N; the widget ignores it by id). Whether that happens here is a
                        // matter of timing, so the smoke test tolerates it; real runs count it strictly.
                        "redeliveryAllowed=true",
                        // Latency on a shared build machine is a figure to report, not to assert.
                        "latencyVerdict=false",
                        "heap=256m",
                        // Tomcat looks for idle sessions every 10 s by default; every second keeps this short.
                        QUICK_START + ",-Dorg.apache.tomcat.websocket.DEFAULT_PROCESS_PERIOD=1",
                        STOP_WITHIN)));
    }

    private static void assertPassed(FaultReport report) {
        System.out.println(report);
        assertThat(report.failures())
                .as("failed checks of fault-" + report.name())
                .isEmpty();
        assertThat(report.passed()).as("verdict of fault-" + report.name()).isTrue();
    }
}
