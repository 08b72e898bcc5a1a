package org.whalemountain.workloads.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;

import org.whalemountain.platform.UnavailableException;

/**
 * Kubeconfigs for users' own namespaces: ensures the namespace, then asks the
 * TokenRequest API for a token of its {@code wm-user} ServiceAccount that expires by
 * itself. Never a long-lived Secret token: nothing the service hands out outlives its
 * lifetime, and nothing needs revoking. Blocks until the cluster has answered.
 */
public class KubeconfigIssuer {

	private final KubernetesClient client;

	private final UserNamespaces namespaces;

	private final KubernetesProperties properties;

	KubeconfigIssuer(KubernetesClient client, UserNamespaces namespaces, KubernetesProperties properties) {
		this.client = client;
		this.namespaces = namespaces;
		this.properties = properties;
	}

	/**
	 * A kubeconfig of the user's namespace.
	 * @param lifetime how long its token works (the API server may cap it lower)
	 * @throws UnavailableException when the cluster does not answer or refuses
	 */
	/** The user's namespace, whether or not it exists yet; connects to nothing. */
	public String namespaceOf(String username) {
		return this.namespaces.namespaceOf(username);
	}

	public Issued issue(String username, Duration lifetime) {
		String namespace = this.namespaces.ensure(username);
		TokenRequest request = new TokenRequestBuilder().withNewSpec()
			.withExpirationSeconds(lifetime.toSeconds())
			.endSpec()
			.build();
		TokenRequest answer = KubernetesFailures.call(this.namespaces.server(),
				"issue a token for the namespace " + namespace,
				() -> this.client.serviceAccounts()
					.inNamespace(namespace)
					.withName(UserNamespaceObjects.USER_ACCOUNT)
					.tokenRequest(request));
		Instant expiresAt = Instant.parse(answer.getStatus().getExpirationTimestamp());
		String yaml = KubeconfigDocuments.yaml(publicUrl(), publicCa(), namespace, answer.getStatus().getToken(),
				expiresAt);
		return new Issued(namespace, yaml, expiresAt);
	}

	/**
	 * @param namespace the user's namespace, the kubeconfig's context
	 * @param yaml the kubeconfig, holding a secret token
	 * @param expiresAt when the token stops working
	 */
	public record Issued(String namespace, String yaml, Instant expiresAt) {

		@Override
		public String toString() {
			return "Issued[namespace=" + this.namespace + ", expiresAt=" + this.expiresAt + "]";
		}

	}

	private String publicUrl() {
		String url = this.properties.publicUrl().isBlank() ? this.client.getConfiguration().getMasterUrl()
				: this.properties.publicUrl();
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/** Read on every issue, so that a renewed CA file is handed out without a restart. */
	private String publicCa() {
		if (!this.properties.publicCa().isBlank()) {
			return read(this.properties.publicCa(), "wm.kubernetes.public-ca");
		}
		Config config = this.client.getConfiguration();
		if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
			return new String(Base64.getMimeDecoder().decode(config.getCaCertData()), StandardCharsets.US_ASCII);
		}
		if (config.getCaCertFile() != null && !config.getCaCertFile().isBlank()) {
			return read(config.getCaCertFile(), "wm.kubernetes.api.ca-file");
		}
		return "";
	}

	private static String read(String file, String property) {
		try {
			return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UnavailableException("kubernetes-misconfigured", "The CA file " + file + " (" + property
					+ ") cannot be read, so no kubeconfig can be made; tell the administrators.", null);
		}
	}

}
