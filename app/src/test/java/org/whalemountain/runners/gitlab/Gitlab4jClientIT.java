package org.whalemountain.runners.gitlab;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.whalemountain.runners.GitLabClient;
import org.whalemountain.runners.GitLabProjectNotFoundException;
import org.whalemountain.runners.GitLabProperties;
import org.whalemountain.runners.GitLabRejectedException;
import org.whalemountain.runners.GitLabUnavailableException;
import org.whalemountain.testsupport.GitLabStubs;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The GitLab adapter against stubs that answer as GitLab's REST documentation says. */
class Gitlab4jClientIT {

	WireMockServer gitlab;

	GitLabStubs stubs;

	GitLabClient client;

	@BeforeEach
	void start() {
		this.gitlab = GitLabStubs.server();
		this.stubs = new GitLabStubs(this.gitlab);
		this.client = new Gitlab4jClient(new GitLabProperties(this.gitlab.baseUrl(), Duration.ofSeconds(3)));
	}

	@AfterEach
	void stop() {
		this.gitlab.stop();
	}

	@Test
	void verifiesARunnerAuthenticationToken() {
		this.stubs.runnerTokenValid("glrt-valid-token-123", 77);

		assertThat(this.client.verifyRunnerToken("glrt-valid-token-123")).isEqualTo(77);
		this.gitlab.verify(postRequestedFor(urlPathEqualTo("/api/v4/runners/verify"))
			.withRequestBody(containing("token=glrt-valid-token-123")));
	}

	@Test
	void aRejectedRunnerTokenIsBadInput() {
		this.stubs.runnerTokenRejected("glrt-revoked-token-1");

		assertThatExceptionOfType(GitLabRejectedException.class)
			.isThrownBy(() -> this.client.verifyRunnerToken("glrt-revoked-token-1"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("runnerToken"));
	}

	@Test
	void createsAProjectRunnerWithAPersonalAccessToken() {
		this.stubs.project("glpat-maintainer-1", "course-os/alice-image", 1234);
		this.stubs.createRunner("glpat-maintainer-1", 1234, 555, "glrt-created-by-service");

		long projectId = this.client.projectId("glpat-maintainer-1", "course-os/alice-image");
		GitLabClient.CreatedRunner created = this.client.createProjectRunner("glpat-maintainer-1", projectId,
				"WhaleMountain runner of alice", List.of("wm-alice"));

		assertThat(created).isEqualTo(new GitLabClient.CreatedRunner(555, "glrt-created-by-service"));
		this.gitlab.verify(postRequestedFor(urlPathEqualTo("/api/v4/user/runners"))
			.withHeader("PRIVATE-TOKEN", equalTo("glpat-maintainer-1"))
			.withQueryParam("runner_type", equalTo("project_type"))
			.withQueryParam("project_id", equalTo("1234"))
			.withQueryParam("tag_list[]", equalTo("wm-alice"))
			.withQueryParam("run_untagged", equalTo("false"))
			.withQueryParam("locked", equalTo("true")));
	}

	@Test
	void aProjectTheTokenCannotSeeIsNotFound() {
		this.stubs.projectMissing("glpat-maintainer-1", "course-os/nothing");

		assertThatExceptionOfType(GitLabProjectNotFoundException.class)
			.isThrownBy(() -> this.client.projectId("glpat-maintainer-1", "course-os/nothing"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("project"));
	}

	@Test
	void aTokenWithoutTheScopeIsRejected() {
		this.stubs.project("glpat-reader-only", "course-os/alice-image", 1234);
		this.stubs.createRunnerForbidden("glpat-reader-only");

		assertThatExceptionOfType(GitLabRejectedException.class)
			.isThrownBy(() -> this.client.createProjectRunner("glpat-reader-only", 1234, "x", List.of("wm-alice")));
	}

	@Test
	void deletesARunnerByItsToken() {
		this.stubs.deleteRunner();

		this.client.deleteRunner("glrt-created-by-service");

		this.gitlab.verify(deleteRequestedFor(urlPathEqualTo("/api/v4/runners")).withQueryParam("token",
				equalTo("glrt-created-by-service")));
	}

	@Test
	void createsAMaskedProtectedVariableAndReplacesItOnceItExists() {
		this.stubs.projectVariable("glpat-maintainer-1", 1234, "WM_REGISTRY_PASSWORD");

		this.client.putMaskedVariable("glpat-maintainer-1", 1234, "WM_REGISTRY_PASSWORD", "wmr_first-secret-value");
		this.client.putMaskedVariable("glpat-maintainer-1", 1234, "WM_REGISTRY_PASSWORD", "wmr_second-secret-value");

		this.gitlab.verify(1,
				postRequestedFor(urlPathEqualTo("/api/v4/projects/1234/variables"))
					.withHeader("PRIVATE-TOKEN", equalTo("glpat-maintainer-1"))
					.withRequestBody(containing("key=WM_REGISTRY_PASSWORD"))
					.withRequestBody(containing("value=wmr_first-secret-value"))
					.withRequestBody(containing("masked=true"))
					.withRequestBody(containing("protected=true"))
					.withRequestBody(containing("variable_type=env_var")));
		this.gitlab.verify(1,
				putRequestedFor(urlPathEqualTo("/api/v4/projects/1234/variables/WM_REGISTRY_PASSWORD"))
					.withRequestBody(containing("value=wmr_second-secret-value"))
					.withRequestBody(containing("masked=true"))
					.withRequestBody(containing("protected=true")));
	}

	@Test
	void aTokenWithoutTheApiScopeCannotSetTheVariable() {
		this.stubs.projectVariablesForbidden("glpat-runner-only", 1234);

		assertThatExceptionOfType(GitLabRejectedException.class)
			.isThrownBy(() -> this.client.putMaskedVariable("glpat-runner-only", 1234, "WM_REGISTRY_PASSWORD",
					"wmr_some-secret-value"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("personalAccessToken"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("api scope").doesNotContain("wmr_"));
	}

	@Test
	void aValueGitLabCouldNotMaskIsRefusedBeforeGitLabIsAsked() {
		for (String value : new String[] { "short", "has space in it", "new\nline-value", "dollar$value" }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> this.client.putMaskedVariable("glpat-maintainer-1", 1234, "KEY", value))
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(value));
		}
		this.gitlab.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void deletesAVariableAndIgnoresOneThatIsGone() {
		this.stubs.projectVariable("glpat-maintainer-1", 1234, "WM_REGISTRY_PASSWORD");
		this.client.putMaskedVariable("glpat-maintainer-1", 1234, "WM_REGISTRY_PASSWORD", "wmr_first-secret-value");

		this.client.deleteVariable("glpat-maintainer-1", 1234, "WM_REGISTRY_PASSWORD");
		this.client.deleteVariable("glpat-maintainer-1", 1234, "WM_REGISTRY_PASSWORD");

		this.gitlab.verify(2,
				deleteRequestedFor(urlPathEqualTo("/api/v4/projects/1234/variables/WM_REGISTRY_PASSWORD")));
	}

	@Test
	void serverErrorsAndAnUnreachableGitLabAreUnavailable() {
		this.stubs.serverError();

		assertThatExceptionOfType(GitLabUnavailableException.class)
			.isThrownBy(() -> this.client.verifyRunnerToken("glrt-valid-token-123"))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isPositive());

		GitLabClient nowhere = new Gitlab4jClient(new GitLabProperties("http://127.0.0.1:1", Duration.ofSeconds(2)));
		assertThatExceptionOfType(GitLabUnavailableException.class)
			.isThrownBy(() -> nowhere.verifyRunnerToken("glrt-valid-token-123"));
	}

}
