package io.parley.tenant.web;

import io.parley.tenant.Members;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Signing a member's access token out before it expires. The admin API's chain authenticates the call. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Organization members")
class SignOutController {

    private final Members members;

    SignOutController(Members members) {
        this.members = members;
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Sign out: the access token stops working at once",
            description = "With everywhere=true, every access token of the member stops working (every browser and"
                    + " API client), as when the password changes. Other nodes refuse the token within 5 seconds.")
    void signOut(
            @AuthenticationPrincipal Jwt token,
            @Parameter(description = "Sign out every session of the member, not only this token")
                    @RequestParam(defaultValue = "false")
                    boolean everywhere) {
        members.signOut(token, everywhere);
    }
}
