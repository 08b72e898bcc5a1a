package org.whalemountain.api;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.whalemountain.audit.AuditEntry;
import org.whalemountain.audit.AuditLog;
import org.whalemountain.identity.Identity;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.identity.UserSummary;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Admin-only reads; the ADMIN role is enforced for {@code /api/v1/admin/**} by the
 * security chain.
 */
@RestController
@Tag(name = "Administration")
class AdminController {

	private final Identity identity;

	private final AuditLog audit;

	AdminController(Identity identity, AuditLog audit) {
		this.identity = identity;
		this.audit = audit;
	}

	@GetMapping("/api/v1/admin/users")
	@Operation(summary = "Every user who has logged in, with groups and roles")
	List<AdminUserView> users() {
		return this.identity.users().stream().map(AdminUserView::of).toList();
	}

	@GetMapping("/api/v1/admin/audit")
	@Operation(summary = "The audit log, newest first")
	List<AuditEntry> audit(@RequestParam(defaultValue = "100") int limit,
			@RequestParam(required = false) String actor) {
		return this.audit.latest(limit, actor);
	}

	record AdminUserView(String username, String displayName, String email, Integer uidNumber, Integer gidNumber,
			List<String> groups, List<String> roles, Instant firstLoginAt, Instant lastLoginAt) {

		static AdminUserView of(UserSummary summary) {
			UserPrincipal user = summary.user();
			return new AdminUserView(user.username(), user.displayName(), user.email(), user.uidNumber(),
					user.gidNumber(), user.groups(), user.roles(), summary.firstLoginAt(), summary.lastLoginAt());
		}

	}

}
