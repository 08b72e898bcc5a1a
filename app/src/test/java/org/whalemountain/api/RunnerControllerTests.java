package org.whalemountain.api;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.whalemountain.platform.ConflictException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.runners.GitLabRejectedException;
import org.whalemountain.runners.GitLabUnavailableException;
import org.whalemountain.runners.RegistryPasswordPlace;
import org.whalemountain.runners.RunnerRegistration;
import org.whalemountain.runners.RunnerStatus;
import org.whalemountain.runners.RunnerView;
import org.whalemountain.runners.JobAddresses;
import org.whalemountain.runners.Runners;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.whalemountain.testsupport.SignedIn.alice;

/**
 * The runner API's mapping: the registration body as {@link Runners} gets it, the runner
 * as API.md promises it, and {@link Runners}'s refusals as problems.
 */
@WebMvcTest(RunnerController.class)
class RunnerControllerTests {

	private static final RunnerView STARTING = new RunnerView("https://gitlab.example.org", "alice/app", 42L, "docker",
			RunnerStatus.STARTING, null, "wm-alice", true, RegistryPasswordPlace.PROJECT_VARIABLE, Instant.EPOCH);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Runners runners;

	/** No warning about what jobs reach, unless a test says otherwise. */
	@MockitoBean
	JobAddresses jobAddresses;

	@Test
	void aRunnerTokenRegistrationReachesRunnersAsSentAndIsNeverEchoed() throws Exception {
		given(this.runners.register(eq("alice"), any(), anyString())).willReturn(STARTING);

		register("""
				{"project": "alice/app", "runnerToken": "glrt-secret123"}""").andExpect(status().isOk())
			.andExpect(jsonPath("$.project").value("alice/app"))
			.andExpect(jsonPath("$.status").value("STARTING"))
			.andExpect(content().string(not(containsString("glrt-secret123"))));

		verify(this.runners).register("alice", new RunnerRegistration(null, "alice/app", "glrt-secret123", null),
				"127.0.0.1");
	}

	@Test
	void aPersonalAccessTokenAndANumericProjectReachRunnersAsSent() throws Exception {
		given(this.runners.register(eq("alice"), any(), anyString())).willReturn(STARTING);

		register("""
				{"gitlabUrl": "https://gitlab.example.org", "project": 17, "personalAccessToken": "glpat-abc"}""")
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("glpat-abc"))));

		verify(this.runners).register("alice",
				new RunnerRegistration("https://gitlab.example.org", "17", null, "glpat-abc"), "127.0.0.1");
	}

	@Test
	void theRunnerShowsItsTypedStatusAsAPIMdPromises() throws Exception {
		given(this.runners.runner("alice")).willReturn(new RunnerView("https://gitlab.example.org", "alice/app", 42L,
				"docker", RunnerStatus.FAILED, "The runner exited with code 1; see its logs.", "wm-alice", false,
				RegistryPasswordPlace.RUNNER_ENVIRONMENT, Instant.parse("2026-01-02T03:04:05Z")));

		this.mvc.perform(get("/api/v1/runner").with(alice()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.project").value("alice/app"))
			.andExpect(jsonPath("$.gitlabRunnerId").value(42))
			.andExpect(jsonPath("$.engine").value("docker"))
			.andExpect(jsonPath("$.status").value("FAILED"))
			.andExpect(jsonPath("$.message").value("The runner exited with code 1; see its logs."))
			.andExpect(jsonPath("$.createdAt").value("2026-01-02T03:04:05Z"));
	}

	@Test
	void noRunnerIsANotFoundProblem() throws Exception {
		given(this.runners.runner("alice"))
			.willThrow(new NotFoundException("runner-not-registered", "You have no runner yet."));

		this.mvc.perform(get("/api/v1/runner").with(alice()))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(endsWith("/runner-not-registered")));
	}

	@Test
	void aTokenGitLabRejectsIsAProblemNamingTheField() throws Exception {
		given(this.runners.register(eq("alice"), any(), anyString())).willThrow(new GitLabRejectedException(
				"runner-token-rejected", "runnerToken", "GitLab does not know this runner token."));

		register("""
				{"project": "alice/app", "runnerToken": "glrt-wrong"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(endsWith("/runner-token-rejected")))
			.andExpect(jsonPath("$.errors[0].field").value("runnerToken"));
	}

	@Test
	void gitLabDownIsAProblemThatSaysWhenToRetry() throws Exception {
		given(this.runners.register(eq("alice"), any(), anyString()))
			.willThrow(new GitLabUnavailableException("GitLab does not answer."));

		register("""
				{"project": "alice/app", "runnerToken": "glrt-x"}""").andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", String.valueOf(Duration.ofSeconds(30).toSeconds())))
			.andExpect(jsonPath("$.type").value(endsWith("/gitlab-unavailable")));
	}

	@Test
	void anotherChangeUnderWayIsAConflictProblem() throws Exception {
		willThrow(new ConflictException("runner-busy", "Another change to your runner is under way."))
			.given(this.runners)
			.unregister("alice", "127.0.0.1");

		this.mvc.perform(delete("/api/v1/runner").with(alice()).with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(endsWith("/runner-busy")));
	}

	@Test
	void unregisteringAnswersNoContent() throws Exception {
		this.mvc.perform(delete("/api/v1/runner").with(alice()).with(csrf())).andExpect(status().isNoContent());

		verify(this.runners).unregister("alice", "127.0.0.1");
	}

	@Test
	void theCiTemplateIsAYamlAttachment() throws Exception {
		given(this.runners.gitlabCi("alice")).willReturn("build:\n  tags: [wm-alice]\n");

		this.mvc.perform(get("/api/v1/runner/gitlab-ci.yml").with(alice()))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/yaml"))
			.andExpect(header().string("Content-Disposition", "attachment; filename=\".gitlab-ci.yml\""))
			.andExpect(content().string("build:\n  tags: [wm-alice]\n"));
	}

	@Test
	void aBodyThatIsNoJsonIsAMalformedBodyProblem() throws Exception {
		register("project=alice/app").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(endsWith("/malformed-body")));
	}

	private ResultActions register(String json) throws Exception {
		return this.mvc.perform(
				put("/api/v1/runner").with(alice()).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json));
	}

}
