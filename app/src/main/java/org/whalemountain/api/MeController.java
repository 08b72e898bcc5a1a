package org.whalemountain.api;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.whalemountain.identity.UserPrincipal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Account")
class MeController {

	@GetMapping("/api/v1/me")
	@Operation(summary = "Who the caller is: name, roles and directory groups")
	MeView me(@AuthenticationPrincipal UserPrincipal user) {
		return new MeView(user.username(), user.displayName(), user.email(), user.roles(), user.groups());
	}

	record MeView(String username, String displayName, String email, List<String> roles, List<String> groups) {
	}

}
