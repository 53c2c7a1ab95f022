package io.parley.bench.faults;

final class DatabaseOutageRun {
    private DatabaseOutageRun() {}

    static FaultReport run(FaultSettings settings) {
        throw new UnsupportedOperationException("not yet");
    }
}
