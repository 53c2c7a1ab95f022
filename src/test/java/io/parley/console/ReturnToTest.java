package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnToTest {

    @ParameterizedTest
    @ValueSource(strings = {"/console", "/console/conversations?status=bot&page=2", "/console/conversations/abc-123"})
    void keepsConsolePaths(String next) {
        assertThat(ReturnTo.safe(next)).isEqualTo(next);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://evil.example/console",
                "//evil.example/console",
                "/consoleevil",
                "/console/../api/v1/admin/organization",
                "/console\\@evil.example",
                "/console/x\r\nSet-Cookie: a=b",
                "/console/x y",
                ""
            })
    void sendsEverythingElseToTheConsoleHome(String next) {
        assertThat(ReturnTo.safe(next)).isEqualTo("/console");
    }
}
