package io.parley.bench.faults;

final class ClientFaultRun {
    private ClientFaultRun() {}

    static FaultReport run(FaultSettings settings) {
        throw new UnsupportedOperationException("not yet");
    }
}
