package org.whalemountain.api;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.platform.UnavailableException;
import org.whalemountain.workloads.Kubeconfigs;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.whalemountain.testsupport.SignedIn.alice;

@WebMvcTest(KubeconfigController.class)
class KubeconfigControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Kubeconfigs kubeconfigs;

	@Test
	void theKubeconfigIsAYamlAttachmentThatNoCacheKeeps() throws Exception {
		given(this.kubeconfigs.issue(eq("alice"), eq(2), anyString())).willReturn(new Kubeconfigs.Kubeconfig(
				"kubeconfig-wm-alice.yaml", "apiVersion: v1\nkind: Config\n", "wm-alice", Instant.EPOCH));

		this.mvc.perform(get("/api/v1/kubeconfig").param("hours", "2").with(alice()))
			.andExpect(status().isOk())
			.andExpect(content().contentType("application/yaml"))
			.andExpect(header().string("Content-Disposition", "attachment; filename=\"kubeconfig-wm-alice.yaml\""))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(content().string("apiVersion: v1\nkind: Config\n"));
	}

	@Test
	void kubernetesOffIsA404ProblemNamedEngineNotEnabled() throws Exception {
		given(this.kubeconfigs.issue(eq("alice"), isNull(), anyString()))
			.willThrow(new NotFoundException("engine-not-enabled", "Kubernetes is not enabled on this service."));

		this.mvc.perform(get("/api/v1/kubeconfig").with(alice()))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType("application/problem+json"))
			.andExpect(jsonPath("$.type").value("/problems/engine-not-enabled"));
	}

	@Test
	void hoursOutOfRangeOrNotANumberAre400Problems() throws Exception {
		given(this.kubeconfigs.issue(eq("alice"), eq(99), anyString())).willThrow(
				new InvalidInputException("invalid-kubeconfig-lifetime", "hours", "hours must be between 1 and 24"));

		this.mvc.perform(get("/api/v1/kubeconfig").param("hours", "99").with(alice()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("hours"));
		this.mvc.perform(get("/api/v1/kubeconfig").param("hours", "8h").with(alice()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/invalid-parameter"));
	}

	@Test
	void anUnreachableClusterIsA503WithRetryAfter() throws Exception {
		given(this.kubeconfigs.issue(eq("alice"), isNull(), anyString())).willThrow(new UnavailableException(
				"engine-unavailable", "The Kubernetes cluster does not answer.", Duration.ofSeconds(30)));

		this.mvc.perform(get("/api/v1/kubeconfig").with(alice()))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "30"))
			.andExpect(jsonPath("$.type").value("/problems/engine-unavailable"));
	}

	@Test
	void anonymousCallersAreRefused() throws Exception {
		this.mvc.perform(get("/api/v1/kubeconfig")).andExpect(status().isUnauthorized());
	}

}
