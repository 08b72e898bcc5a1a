/**
 * The JSON REST API under {@code /api/v1} (a promise to users' scripts), its OpenAPI
 * document, and RFC 9457 problem answers for every error. A leaf: nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "REST API", allowedDependencies = { "identity", "audit",
		"runners", "images", "registry", "sif", "workloads", "workloads::engine", "platform" })
package org.whalemountain.api;
