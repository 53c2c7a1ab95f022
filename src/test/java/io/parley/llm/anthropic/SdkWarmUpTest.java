package io.parley.llm.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SdkWarmUpTest {

    @Test
    void buildsWritesAndReadsACallWithoutTheNetwork() {
        assertThat(SdkWarmUp.run())
                .as("every step ran; false means the SDK changed under the warm-up")
                .isTrue();
    }
}
