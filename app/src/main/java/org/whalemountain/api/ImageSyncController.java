package org.whalemountain.api;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.registry.Registry;
import org.whalemountain.registry.SyncRun;
import org.whalemountain.registry.SyncRunStatus;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Images")
class ImageSyncController {

	private final Registry registry;

	ImageSyncController(Registry registry) {
		this.registry = registry;
	}

	@PostMapping("/api/v1/images/sync")
	@Operation(summary = "Sync the registry into the catalogue now; answers at once with the run to follow")
	ResponseEntity<SyncAccepted> sync(@AuthenticationPrincipal UserPrincipal user, HttpServletRequest request) {
		SyncRun run = this.registry.requestSync("manual", user.username(), request.getRemoteAddr());
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/images/sync/" + run.id()))
			.body(new SyncAccepted(run.id(), run.status()));
	}

	@GetMapping("/api/v1/images/sync/{syncId}")
	@Operation(summary = "A sync run: QUEUED, RUNNING, SUCCEEDED or FAILED, its counts and what it skipped")
	SyncRun run(@PathVariable String syncId, @AuthenticationPrincipal UserPrincipal user) {
		return visibleTo(this.registry.syncRun(syncId), user);
	}

	/**
	 * Runs are the service's, not a user's, but what they name is: users other than
	 * admins see only the skipped entries of their own repositories, and who asked only
	 * when it was they.
	 */
	static SyncRun visibleTo(SyncRun run, UserPrincipal user) {
		if (user.admin()) {
			return run;
		}
		String own = user.username() + "/";
		return new SyncRun(run.id(), run.trigger(),
				user.username().equals(run.requestedBy()) ? run.requestedBy() : null, run.status(), run.startedAt(),
				run.finishedAt(), run.repositories(), run.tagsAdded(), run.tagsChanged(), run.tagsRemoved(),
				run.skipped().stream().filter((entry) -> entry.startsWith(own)).toList(), run.error());
	}

	/**
	 * @param syncId the run that will do the sync (one already queued, if the request
	 * joined it)
	 */
	record SyncAccepted(String syncId, SyncRunStatus status) {
	}

}
