package org.whalemountain.api;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.runners.JobAddresses;
import org.whalemountain.runners.RunnerRegistration;
import org.whalemountain.runners.RunnerView;
import org.whalemountain.runners.Runners;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Runner")
class RunnerController {

	static final MediaType YAML = MediaType.parseMediaType("text/yaml;charset=UTF-8");

	private final Runners runners;

	private final JobAddresses jobAddresses;

	RunnerController(Runners runners, JobAddresses jobAddresses) {
		this.runners = runners;
		this.jobAddresses = jobAddresses;
	}

	@PutMapping("/api/v1/runner")
	@Operation(summary = "Register or replace the caller's GitLab Runner (runnerToken glrt-… or personalAccessToken)")
	RunnerView register(@RequestBody RunnerRegistration registration, @AuthenticationPrincipal UserPrincipal user,
			HttpServletRequest request) {
		return this.runners.register(user.username(), registration, request.getRemoteAddr())
			.withWarnings(this.jobAddresses.warnings());
	}

	@GetMapping("/api/v1/runner")
	@Operation(summary = "The caller's runner and its container's live status, with warnings when its jobs "
			+ "cannot reach the registry; never a token")
	RunnerView runner(@AuthenticationPrincipal UserPrincipal user) {
		return this.runners.runner(user.username()).withWarnings(this.jobAddresses.warnings());
	}

	@DeleteMapping("/api/v1/runner")
	@Operation(summary = "Stop and remove the caller's runner; delete it in GitLab if the service created it")
	ResponseEntity<Void> unregister(@AuthenticationPrincipal UserPrincipal user, HttpServletRequest request) {
		this.runners.unregister(user.username(), request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/runner/gitlab-ci.yml")
	@Operation(summary = "The caller's .gitlab-ci.yml: builds the Dockerfile rootless and pushes it to the registry")
	ResponseEntity<String> gitlabCi(@AuthenticationPrincipal UserPrincipal user) {
		return ResponseEntity.ok()
			.contentType(YAML)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(".gitlab-ci.yml").build().toString())
			.body(this.runners.gitlabCi(user.username()));
	}

}
