package org.whalemountain.workloads;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.workloads.events.KubeconfigIssued;
import org.whalemountain.workloads.kubernetes.KubeconfigIssuer;
import org.whalemountain.workloads.kubernetes.KubernetesProperties;

/**
 * Kubeconfigs for users' own namespaces on the Kubernetes cluster: the entry for
 * {@code kubectl} users. Every download is audited ({@link KubeconfigIssued}).
 */
@Service
public class Kubeconfigs {

	private final ObjectProvider<KubeconfigIssuer> issuer;

	private final KubernetesProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	Kubeconfigs(ObjectProvider<KubeconfigIssuer> issuer, KubernetesProperties properties,
			ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
		this.issuer = issuer;
		this.properties = properties;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * A kubeconfig for the user's namespace, which is created or brought up to date
	 * first. Blocks until the cluster has answered.
	 * @param hours how long its token should work, or {@code null} for
	 * {@code wm.kubernetes.kubeconfig.lifetime}
	 * @throws NotFoundException {@code engine-not-enabled} when Kubernetes is not
	 * configured
	 * @throws InvalidInputException when {@code hours} is outside 1 to
	 * {@code wm.kubernetes.kubeconfig.max-lifetime}
	 * @throws org.whalemountain.platform.UnavailableException when the cluster does not
	 * answer or refuses
	 */
	public Kubeconfig issue(String username, Integer hours, String sourceAddress) {
		KubeconfigIssuer kubernetes = this.issuer.getIfAvailable();
		if (kubernetes == null) {
			throw new NotFoundException("engine-not-enabled", "Kubernetes is not enabled on this service, so there"
					+ " is no kubeconfig to download; containers run on Docker.");
		}
		KubeconfigIssuer.Issued issued = kubernetes.issue(username, lifetime(hours));
		KubeconfigIssued event = new KubeconfigIssued(username, issued.namespace(), issued.expiresAt(), sourceAddress,
				this.clock.instant());
		this.transaction.executeWithoutResult((status) -> this.events.publishEvent(event));
		return new Kubeconfig(fileName(issued.namespace()), issued.yaml(), issued.namespace(), issued.expiresAt());
	}

	/**
	 * What the console shows a user before any download: their namespace, the file name a
	 * download is saved as, and how long its token works. Connects to nothing.
	 * @return empty when Kubernetes is not enabled
	 */
	public Optional<Offer> offer(String username) {
		KubeconfigIssuer kubernetes = this.issuer.getIfAvailable();
		if (kubernetes == null) {
			return Optional.empty();
		}
		String namespace = kubernetes.namespaceOf(username);
		return Optional.of(new Offer(namespace, fileName(namespace), this.properties.kubeconfig().lifetime()));
	}

	private static String fileName(String namespace) {
		return "kubeconfig-" + namespace + ".yaml";
	}

	private Duration lifetime(Integer hours) {
		if (hours == null) {
			return this.properties.kubeconfig().lifetime();
		}
		long max = Math.max(1, this.properties.kubeconfig().maxLifetime().toHours());
		if (hours < 1 || hours > max) {
			throw new InvalidInputException("invalid-kubeconfig-lifetime", "hours",
					"hours must be between 1 and " + max + " (wm.kubernetes.kubeconfig.max-lifetime); leave it out for "
							+ describe(this.properties.kubeconfig().lifetime()) + ".");
		}
		return Duration.ofHours(hours);
	}

	private static String describe(Duration lifetime) {
		return (lifetime.toMinutesPart() == 0) ? lifetime.toHours() + " hours" : lifetime.toMinutes() + " minutes";
	}

	/**
	 * A kubeconfig the user may download.
	 *
	 * @param namespace the user's namespace
	 * @param filename what a download is saved as
	 * @param lifetime how long a downloaded kubeconfig works
	 */
	public record Offer(String namespace, String filename, Duration lifetime) {
	}

	/**
	 * A downloaded kubeconfig.
	 *
	 * @param filename what to save it as
	 * @param yaml the document; holds a secret token
	 * @param namespace the user's namespace
	 * @param expiresAt when its token stops working
	 */
	public record Kubeconfig(String filename, String yaml, String namespace, Instant expiresAt) {

		@Override
		public String toString() {
			return "Kubeconfig[namespace=" + this.namespace + ", expiresAt=" + this.expiresAt + "]";
		}

	}

}
