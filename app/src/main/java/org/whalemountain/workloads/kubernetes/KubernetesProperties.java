package org.whalemountain.workloads.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
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
 * @param ingress how users' HTTP ports are reached by name, when the cluster has an
 * ingress controller
 * @param home the users' homes on the cluster
 * @param pods how users' pods run
 * @param nodePorts how users reach guest ports without an Ingress
 */
@Validated
@ConfigurationProperties("wm.kubernetes")
public record KubernetesProperties(@Valid @NotNull @DefaultValue Api api, @NotNull @DefaultValue("") String publicUrl,
		@NotNull @DefaultValue("") String publicCa, @NotNull @DefaultValue("wm-") String namespacePrefix,
		@Valid @NotNull @DefaultValue Kubeconfig kubeconfig, @Valid @NotNull @DefaultValue Network networkPolicy,
		@Valid @NotNull @DefaultValue Ingress ingress, @Valid @NotNull @DefaultValue Home home,
		@Valid @NotNull @DefaultValue Pods pods, @Valid @NotNull @DefaultValue NodePorts nodePorts) {

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

	/**
	 * With a domain, each HTTP guest port of a container gets an Ingress host
	 * {@code <name>-<user>.<domain>} and a ClusterIP Service; without one, its Service is
	 * a NodePort (the API server allocates it from its
	 * {@code --service-node-port-range}).
	 *
	 * @param domain the wildcard DNS domain pointing at the ingress controller, e.g.
	 * {@code apps.example.org}; empty for no Ingresses
	 * @param className the IngressClass of the controller; empty for the cluster's
	 * default class
	 * @param httpPorts which guest ports speak HTTP and so get an Ingress
	 */
	public record Ingress(@NotNull @DefaultValue("") String domain, @NotNull @DefaultValue("") String className,
			@NotNull @DefaultValue( {
					"80", "8000", "8080", "8888", "3000", "5000" }) List<Integer> httpPorts){

		public Ingress {
			httpPorts = List.copyOf(httpPorts);
		}

	}

	/**
	 * @param storageClass the StorageClass of each user's home PersistentVolumeClaim;
	 * empty gives containers an empty directory as their home instead, lost with the pod
	 * @param size the size each user's home claim asks for
	 */
	public record Home(@NotNull @DefaultValue("") String storageClass, @NotNull @DefaultValue("10Gi") String size) {
	}

	/**
	 * Users' pods always run as a non-root user (the namespace enforces the
	 * {@code restricted} Pod Security Standard); a spec that names no user runs as this
	 * one, since an image's own user is root more often than not.
	 *
	 * @param defaultUid the user id of a pod whose spec names none
	 * @param defaultGid its group id
	 * @param startWait how long a launch or start waits for the pod to run before it
	 * answers with a pending container (a long image pull)
	 */
	public record Pods(@Min(1) @DefaultValue("1000") int defaultUid, @Min(1) @DefaultValue("1000") int defaultGid,
			@NotNull @DurationMin(millis = 1) @DefaultValue("PT1M") Duration startWait) {
	}

	/**
	 * @param address the address users reach the cluster's NodePorts at; empty when they
	 * cannot (then a guest port's endpoint is a {@code kubectl port-forward} line)
	 * @param min the lowest port of the API server's {@code --service-node-port-range}: a
	 * public port the service reserved inside the range is asked for as the NodePort, one
	 * outside (a Docker host port) lets the cluster choose
	 * @param max the highest port of that range
	 */
	public record NodePorts(@NotNull @DefaultValue("") String address, @Min(1) @DefaultValue("30000") int min,
			@Min(1) @DefaultValue("32767") int max) {

		/** Whether the cluster can be asked for this NodePort. */
		public boolean contains(int port) {
			return port >= this.min && port <= this.max;
		}

	}

}
