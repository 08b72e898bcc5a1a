package org.whalemountain.workloads.kubernetes;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Supplier;

import io.fabric8.kubernetes.client.KubernetesClientException;

import org.whalemountain.platform.UnavailableException;

/**
 * fabric8's failures as answers a user can act on. Every failure here is the cluster's or
 * the operator's to fix, never the caller's, so all of them are 503s: nothing answers
 * ({@code engine-unavailable}, worth a retry), the cluster refuses the service's own
 * account ({@code kubernetes-refused}: a ClusterRole short of a permission), or anything
 * else the cluster answers ({@code kubernetes-error}).
 */
final class KubernetesFailures {

	static final Duration RETRY_UNREACHABLE = Duration.ofSeconds(30);

	private KubernetesFailures() {
	}

	/**
	 * Runs {@code call}, which does {@code what} (e.g. "prepare the namespace wm-alice")
	 * on the cluster at {@code server}.
	 */
	static <T> T call(String server, String what, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (KubernetesClientException ex) {
			throw translate(server, what, ex);
		}
		catch (UncheckedIOException ex) {
			// the service's own token file could not be read
			throw new UnavailableException("kubernetes-refused", "The service could not " + what + " on Kubernetes: "
					+ ex.getMessage() + ". Nothing was changed; tell the administrators.", null);
		}
	}

	static UnavailableException translate(String server, String what, KubernetesClientException ex) {
		int code = ex.getCode();
		// no HTTP answer at all (fabric8 says 0 or -1): refused, reset, timed out, TLS
		if (code <= 0) {
			return new UnavailableException("engine-unavailable",
					"The Kubernetes cluster at " + server + " does not answer (" + rootMessage(ex)
							+ "), so the service could not " + what + ". Try again later; Docker containers are"
							+ " not affected.",
					RETRY_UNREACHABLE);
		}
		String status = ((ex.getStatus() != null && ex.getStatus().getMessage() != null) ? ex.getStatus().getMessage()
				: ex.getMessage())
			.replaceAll("[.\\s]+$", "");
		if (code == 401 || code == 403) {
			return new UnavailableException("kubernetes-refused",
					"The Kubernetes cluster refused to let the service " + what + " (" + code + ": " + status
							+ "). The service's ServiceAccount lacks a permission of"
							+ " deploy/kubernetes/service-account.yaml, or its token is no longer valid; tell the"
							+ " administrators.",
					null);
		}
		return new UnavailableException(
				"kubernetes-error", "The Kubernetes cluster answered " + code + " when the" + " service tried to "
						+ what + ": " + status + ". Try again; if it keeps failing, tell the" + " administrators.",
				RETRY_UNREACHABLE);
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
