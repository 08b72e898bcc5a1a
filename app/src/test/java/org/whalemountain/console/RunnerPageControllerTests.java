package org.whalemountain.console;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.runners.GitLabRejectedException;
import org.whalemountain.runners.RegistryPasswordPlace;
import org.whalemountain.runners.RunnerRegistration;
import org.whalemountain.runners.RunnerStatus;
import org.whalemountain.runners.RunnerView;
import org.whalemountain.runners.JobAddresses;
import org.whalemountain.runners.Runners;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;
import static org.whalemountain.testsupport.SignedIn.alice;

/**
 * The runner page: the form's fields as {@link Runners} gets them, the runner's status,
 * and refusals as a form error that never shows the token again.
 */
@WebMvcTest(RunnerPageController.class)
class RunnerPageControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Runners runners;

	/** No warning about what jobs reach, unless a test says otherwise. */
	@MockitoBean
	JobAddresses jobAddresses;

	@Test
	void plainRequestGetsTheWholePageWithTheRunner() throws Exception {
		given(this.runners.runner("alice")).willReturn(runner(RunnerStatus.RUNNING));

		this.mvc.perform(get("/runner").with(alice()))
			.andExpect(status().isOk())
			.andExpect(view().name("runner"))
			.andExpect(content().string(containsString("<nav")))
			.andExpect(content().string(containsString("status-running")))
			.andExpect(content().string(containsString("alice/app")));
	}

	@Test
	void htmxRequestGetsThePanelOnly() throws Exception {
		given(this.runners.runner("alice")).willReturn(runner(RunnerStatus.RUNNING));

		this.mvc.perform(get("/runner").header("HX-Request", "true").with(alice()))
			.andExpect(status().isOk())
			.andExpect(view().name("runner :: panel"))
			.andExpect(content().string(startsWith("<section id=\"runner-panel\"")))
			.andExpect(content().string(not(containsString("<nav"))));
	}

	@Test
	void aStartingRunnerKeepsThePanelPollingAndARunningOneDoesNot() throws Exception {
		given(this.runners.runner("alice")).willReturn(runner(RunnerStatus.STARTING));
		this.mvc.perform(get("/runner").header("HX-Request", "true").with(alice()))
			.andExpect(content().string(containsString("hx-trigger=\"every 3s\"")));

		given(this.runners.runner("alice")).willReturn(runner(RunnerStatus.FAILED));
		this.mvc.perform(get("/runner").header("HX-Request", "true").with(alice()))
			.andExpect(content().string(not(containsString("hx-trigger=\"every 3s\""))))
			.andExpect(content().string(containsString("status-failed")));
	}

	@Test
	void noRunnerYetShowsOnlyTheRegistrationForm() throws Exception {
		given(this.runners.runner("alice")).willThrow(new NotFoundException("runner-not-registered", "No runner."));

		this.mvc.perform(get("/runner").with(alice()))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"runner-status\""))))
			.andExpect(content().string(containsString("id=\"runner-form\"")));
	}

	@Test
	void aRunnerTokenIsSentAsRunnerToken() throws Exception {
		given(this.runners.runner("alice")).willReturn(runner(RunnerStatus.STARTING));

		this.mvc
			.perform(post("/runner").with(alice())
				.with(csrf())
				.header("HX-Request", "true")
				.param("project", "alice/app")
				.param("tokenKind", "runner")
				.param("token", "glrt-abc"))
			.andExpect(status().isOk())
			.andExpect(view().name("runner :: panel"))
			.andExpect(content().string(containsString("Your runner is registered and starting.")));

		verify(this.runners).register("alice", new RunnerRegistration(null, "alice/app", "glrt-abc", null),
				"127.0.0.1");
	}

	@Test
	void aPersonalAccessTokenIsSentAsOne() throws Exception {
		this.mvc
			.perform(post("/runner").with(alice())
				.with(csrf())
				.param("project", "17")
				.param("tokenKind", "personal")
				.param("token", "glpat-abc"))
			.andExpect(status().isOk());

		verify(this.runners).register("alice", new RunnerRegistration(null, "17", null, "glpat-abc"), "127.0.0.1");
	}

	@Test
	void aRefusalIsAFormErrorThatKeepsTheProjectButNeverTheToken() throws Exception {
		given(this.runners.runner("alice")).willThrow(new NotFoundException("runner-not-registered", "No runner."));
		given(this.runners.register(eq("alice"), any(), anyString())).willThrow(new GitLabRejectedException(
				"runner-token-rejected", "runnerToken", "GitLab does not know this runner token."));

		this.mvc
			.perform(post("/runner").with(alice())
				.with(csrf())
				.param("project", "alice/app")
				.param("tokenKind", "personal")
				.param("token", "glpat-secret"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("GitLab does not know this runner token.")))
			.andExpect(content().string(containsString("value=\"alice/app\"")))
			.andExpect(content().string(containsString("id=\"runner-kind-personal\" checked=\"checked\"")))
			.andExpect(content().string(not(containsString("glpat-secret"))));
	}

	@Test
	void registeringWithoutCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(post("/runner").with(alice()).param("project", "alice/app").param("token", "glrt-abc"))
			.andExpect(status().isForbidden());

		verify(this.runners, never()).register(anyString(), any(), anyString());
	}

	@Test
	void removingTheRunnerSaysSo() throws Exception {
		given(this.runners.runner("alice")).willThrow(new NotFoundException("runner-not-registered", "No runner."));

		this.mvc.perform(post("/runner/unregister").with(alice()).with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Your runner was removed.")));

		verify(this.runners).unregister("alice", "127.0.0.1");
	}

	@Test
	void theCiTemplateIsAYamlAttachment() throws Exception {
		given(this.runners.gitlabCi("alice")).willReturn("build:\n  tags: [wm-alice]\n");

		this.mvc.perform(get("/runner/gitlab-ci.yml").with(alice()))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/yaml"))
			.andExpect(header().string("Content-Disposition", "attachment; filename=\".gitlab-ci.yml\""))
			.andExpect(content().string("build:\n  tags: [wm-alice]\n"));
	}

	private static RunnerView runner(RunnerStatus status) {
		return new RunnerView("https://gitlab.example.org", "alice/app", 42L, "docker", status, null, "wm-alice", false,
				RegistryPasswordPlace.RUNNER_ENVIRONMENT, Instant.EPOCH);
	}

}
