package org.whalemountain.api;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.workloads.Kubeconfigs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Kubernetes")
class KubeconfigController {

	static final MediaType YAML = MediaType.parseMediaType("application/yaml");

	private final Kubeconfigs kubeconfigs;

	KubeconfigController(Kubeconfigs kubeconfigs) {
		this.kubeconfigs = kubeconfigs;
	}

	@GetMapping(path = "/api/v1/kubeconfig", produces = { "application/yaml", "application/problem+json" })
	@Operation(summary = "A kubeconfig for the caller's own namespace, with a token that expires by itself",
			description = "Creates the namespace on first use. Use it with kubectl --kubeconfig FILE get pods; it works"
					+ " in the caller's namespace only, and never for secrets.")
	@ApiResponse(responseCode = "200", description = "The kubeconfig, as an attachment")
	@ApiResponse(responseCode = "400", description = "hours outside the allowed range (the problem says which)")
	@ApiResponse(responseCode = "404", description = "engine-not-enabled: the service runs no Kubernetes")
	@ApiResponse(responseCode = "503", description = "The cluster does not answer or refuses the service")
	ResponseEntity<String> kubeconfig(
			@Parameter(description = "how long the token works, in hours; default "
					+ "wm.kubernetes.kubeconfig.lifetime") @RequestParam(required = false) Integer hours,
			@AuthenticationPrincipal UserPrincipal user, HttpServletRequest request) {
		Kubeconfigs.Kubeconfig kubeconfig = this.kubeconfigs.issue(user.username(), hours, request.getRemoteAddr());
		return ResponseEntity.ok()
			.contentType(YAML)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(kubeconfig.filename()).build().toString())
			// it holds a bearer token
			.cacheControl(CacheControl.noStore())
			.body(kubeconfig.yaml());
	}

}
