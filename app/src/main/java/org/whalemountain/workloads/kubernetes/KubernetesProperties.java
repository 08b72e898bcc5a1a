package org.whalemountain.workloads.kubernetes;

import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Kubernetes cluster users' namespaces live on ({@code wm.kubernetes.*}); every
 * property is in the operator guide. Kubernetes is off while neither {@code api.url} nor
 * {@code api.kubeconfig-file} is set, and then nothing else here is checked.
 *
 * @param api how the service itself reaches the cluster
 * @param publicUrl the API server's URL as users reach it, written into their
 * kubeconfigs; empty means the URL the service uses
 * @param publicCa a PEM file with the CA users' kubectl trusts the API server by; empty
 * means the CA the service uses (none: the system's trust store)
 * @param namespacePrefix put before each user's name to make their namespace
 * @param kubeconfig the users' kubeconfigs
 * @param networkPolicy which traffic may reach users' pods
 */
@Validated
@ConfigurationProperties("wm.kubernetes")
public record KubernetesProperties(@Valid @NotNull @DefaultValue Api api, @NotNull @DefaultValue("") String publicUrl,
		@NotNull @DefaultValue("") String publicCa, @NotNull @DefaultValue("wm-") String namespacePrefix,
		@Valid @NotNull @DefaultValue Kubeconfig kubeconfig, @Valid @NotNull @DefaultValue Network networkPolicy) {

	/** A DNS label's start: the rest of a namespace name is the sanitised username. */
	private static final Pattern PREFIX = Pattern.compile("[a-z]([a-z0-9-]{0,19})");

	/** Whether the service uses a cluster at all. */
	public boolean enabled() {
		return !this.api.url().isBlank() || !this.api.kubeconfigFile().isBlank();
	}

	@AssertTrue(message = "wm.kubernetes.namespace-prefix must be 1 to 20 lower-case letters, digits or '-',"
			+ " starting with a letter, e.g. wm-")
	public boolean isNamespacePrefixValid() {
		return this.namespacePrefix != null && PREFIX.matcher(this.namespacePrefix).matches();
	}

	@AssertTrue(
			message = "wm.kubernetes.api: set either url (with ca-file and token-file) or kubeconfig-file, not both;"
					+ " the url must start with https://")
	public boolean isApiComplete() {
		if (this.api == null) {
			return false;
		}
		if (!this.api.url().isBlank()) {
			return this.api.kubeconfigFile().isBlank() && this.api.url().startsWith("https://")
					&& !this.api.tokenFile().isBlank();
		}
		return true;
	}

	@AssertTrue(message = "wm.kubernetes.kubeconfig.lifetime must not exceed wm.kubernetes.kubeconfig.max-lifetime")
	public boolean isLifetimeWithinMaximum() {
		return this.kubeconfig == null || this.kubeconfig.lifetime().compareTo(this.kubeconfig.maxLifetime()) <= 0;
	}

	/**
	 * @param url the API server, e.g. {@code https://10.0.0.1:6443}; with it,
	 * {@code token-file} (and {@code ca-file} unless the system trusts the server)
	 * @param caFile PEM file of the CA the API server's certificate is checked against
	 * @param tokenFile a file holding the bearer token of the service's own
	 * ServiceAccount, read again on every request, so that a projected token that the
	 * kubelet rotates keeps working
	 * @param kubeconfigFile instead of the three above: a kubeconfig file whose current
	 * context is the service's identity
	 * @param connectTimeout how long to wait for a connection to the API server
	 * @param requestTimeout how long one call may take; a cluster that does not answer
	 * fails the request with 503 after this, without retries
	 */
	public record Api(@NotNull @DefaultValue("") String url, @NotNull @DefaultValue("") String caFile,
			@NotNull @DefaultValue("") String tokenFile, @NotNull @DefaultValue("") String kubeconfigFile,
			@NotNull @DurationMin(millis = 1) @DefaultValue("PT3S") Duration connectTimeout,
			@NotNull @DurationMin(millis = 1) @DefaultValue("PT10S") Duration requestTimeout) {
	}

	/**
	 * TokenRequest tokens cannot live under 10 minutes; the API server may cap them lower
	 * than asked ({@code --service-account-max-token-expiration}).
	 *
	 * @param lifetime how long a downloaded kubeconfig works when the user asks for no
	 * particular time
	 * @param maxLifetime the longest a user may ask for ({@code ?hours=N})
	 */
	public record Kubeconfig(
			@NotNull @DurationMin(minutes = 10) @DurationMax(days = 7) @DefaultValue("PT8H") Duration lifetime,
			@NotNull @DurationMin(hours = 1) @DurationMax(days = 7) @DefaultValue("PT24H") Duration maxLifetime) {
	}

	/**
	 * Each user namespace denies all incoming traffic to its pods, except from the
	 * ingress controller's namespace.
	 *
	 * @param ingressNamespace the namespace of the ingress controller, whose pods may
	 * reach users' pods; empty lets nothing in
	 */
	public record Network(@NotNull @DefaultValue("ingress-nginx") String ingressNamespace) {
	}

}
