package org.whalemountain.console;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.platform.DomainException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.runners.JobAddresses;
import org.whalemountain.runners.RunnerRegistration;
import org.whalemountain.runners.Runners;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;

/**
 * The runner page: register (or replace) the runner, watch its status, download the CI
 * template, remove the runner. htmx requests get the runner panel only.
 */
@Controller
class RunnerPageController {

	private final Runners runners;

	private final JobAddresses jobAddresses;

	RunnerPageController(Runners runners, JobAddresses jobAddresses) {
		this.runners = runners;
		this.jobAddresses = jobAddresses;
	}

	@GetMapping("/runner")
	String page(@AuthenticationPrincipal UserPrincipal user, HtmxRequest htmx, Model model) {
		return render(user, model, htmx);
	}

	@PostMapping("/runner")
	String register(@AuthenticationPrincipal UserPrincipal user, @RequestParam(defaultValue = "") String project,
			@RequestParam(defaultValue = "runner") String tokenKind, @RequestParam(defaultValue = "") String token,
			HtmxRequest htmx, HttpServletRequest request, Model model) {
		boolean runnerToken = !"personal".equals(tokenKind);
		RunnerRegistration registration = new RunnerRegistration(null, project, runnerToken ? token : null,
				runnerToken ? null : token);
		try {
			this.runners.register(user.username(), registration, request.getRemoteAddr());
			model.addAttribute("notice", "runner.registered");
		}
		catch (DomainException ex) {
			model.addAttribute("formError", ex.getMessage());
			model.addAttribute("project", project);
			model.addAttribute("tokenKind", tokenKind);
		}
		return render(user, model, htmx);
	}

	@PostMapping("/runner/unregister")
	String unregister(@AuthenticationPrincipal UserPrincipal user, HtmxRequest htmx, HttpServletRequest request,
			Model model) {
		try {
			this.runners.unregister(user.username(), request.getRemoteAddr());
			model.addAttribute("notice", "runner.unregistered");
		}
		catch (DomainException ex) {
			model.addAttribute("formError", ex.getMessage());
		}
		return render(user, model, htmx);
	}

	@GetMapping("/runner/gitlab-ci.yml")
	ResponseEntity<String> gitlabCi(@AuthenticationPrincipal UserPrincipal user) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/yaml;charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(".gitlab-ci.yml").build().toString())
			.body(this.runners.gitlabCi(user.username()));
	}

	private String render(UserPrincipal user, Model model, HtmxRequest htmx) {
		try {
			model.addAttribute("runner", this.runners.runner(user.username()));
		}
		catch (NotFoundException ex) {
			model.addAttribute("runner", null);
		}
		model.addAttribute("runnerTag", "wm-" + user.username());
		// shown with or without a runner: a registration would not fix them
		model.addAttribute("jobAddressWarnings", this.jobAddresses.warnings());
		return htmx.isHtmxRequest() ? "runner :: panel" : "runner";
	}

}
