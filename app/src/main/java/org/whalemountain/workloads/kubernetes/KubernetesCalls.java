package org.whalemountain.workloads.kubernetes;

import java.io.UncheckedIOException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.client.KubernetesClientException;

import org.whalemountain.platform.ConflictException;
import org.whalemountain.workloads.engine.ContainerNotFoundException;
import org.whalemountain.workloads.engine.EngineUnavailableException;
import org.whalemountain.workloads.engine.HostPortTakenException;

/**
 * The engine's calls to the cluster with fabric8's failures as the engine port's: no
 * answer is {@link EngineUnavailableException} (at once: the client does not retry), a
 * 404 {@link ContainerNotFoundException}, a NodePort held by another Service
 * {@link HostPortTakenException}, a namespace quota a {@link ConflictException} naming
 * the quota (the user's to act on, by deleting a container), and the rest what
 * {@link KubernetesFailures} says (the operator's to fix).
 */
final class KubernetesCalls {

	static final String ENGINE = "kubernetes";

	private static final Pattern PORT_ALLOCATED = Pattern
		.compile("nodePort: Invalid value: (\\d+): provided port is already allocated");

	private static final Pattern QUOTA = Pattern.compile("exceeded quota: ([^,]+), requested: (.*)");

	private KubernetesCalls() {
	}

	/**
	 * Runs {@code call}, which does {@code what} to {@code container} (for messages) on
	 * the cluster at {@code server}.
	 */
	static <T> T call(String server, String what, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (KubernetesClientException ex) {
			throw translate(server, what, ex);
		}
		catch (UncheckedIOException ex) {
			// the service's own token file could not be read: KubernetesFailures says so
			return KubernetesFailures.call(server, what, () -> {
				throw ex;
			});
		}
	}

	static void run(String server, String what, Runnable call) {
		call(server, what, () -> {
			call.run();
			return null;
		});
	}

	static RuntimeException translate(String server, String what, KubernetesClientException ex) {
		int code = ex.getCode();
		String message = (ex.getStatus() != null && ex.getStatus().getMessage() != null) ? ex.getStatus().getMessage()
				: String.valueOf(ex.getMessage());
		if (code <= 0) {
			return new EngineUnavailableException(ENGINE,
					"the cluster at " + server + " does not answer, so the service could not " + what, ex);
		}
		if (code == 404) {
			return new ContainerNotFoundException(
					"Kubernetes has no " + what.replaceFirst("^\\w+ ", "") + ": " + message, ex);
		}
		Matcher port = PORT_ALLOCATED.matcher(message);
		if (code == 422 && port.find()) {
			int taken = Integer.parseInt(port.group(1));
			return new HostPortTakenException("The NodePort " + taken + " is already allocated on the cluster", taken,
					ex);
		}
		Matcher quota = QUOTA.matcher(message);
		if (code == 403 && quota.find()) {
			return new ConflictException("kubernetes-quota-exceeded",
					"Your namespace's quota " + quota.group(1).strip() + " on Kubernetes does not allow this ("
							+ quota.group(2).strip() + "); delete or stop a container first.");
		}
		return KubernetesFailures.translate(server, what, ex);
	}

}
