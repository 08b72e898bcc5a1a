package org.whalemountain.runners.gitlab;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.gitlab4j.api.AbstractApi;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.GitLabApiForm;

/**
 * {@code POST /runners/verify}, which gitlab4j-api lacks, through its own request support
 * ({@link AbstractApi}) so that errors, timeouts and proxies behave like every other
 * call.
 */
class RunnerVerificationApi extends AbstractApi {

	RunnerVerificationApi(GitLabApi api) {
		super(api);
	}

	/**
	 * @return the runner id GitLab reports, or {@code null} when it reports none
	 */
	Long verify(String runnerToken) throws GitLabApiException {
		GitLabApiForm form = new GitLabApiForm().withParam("token", runnerToken, true);
		Response response = post(Response.Status.OK, form, "runners", "verify");
		@SuppressWarnings("unchecked")
		Map<String, Object> body = response.readEntity(Map.class);
		Object id = (body != null) ? body.get("id") : null;
		return (id instanceof Number number) ? number.longValue() : null;
	}

}
