package org.whalemountain.workloads;

import java.util.List;

import org.whalemountain.testsupport.Http;

import tools.jackson.databind.JsonNode;

/** Cleaning up after a test through the API, the way a user would. */
final class LentContainers {

	private LentContainers() {
	}

	/** Deletes every container of each caller, which frees their host ports too. */
	static void deleteAll(Http http, List<String> authorizations) {
		for (String authorization : authorizations) {
			for (JsonNode container : http.get("/api/v1/containers", authorization).json()) {
				http.delete("/api/v1/containers/" + container.get("id").asLong(), authorization);
			}
		}
	}

}
