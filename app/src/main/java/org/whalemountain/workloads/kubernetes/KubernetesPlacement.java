package org.whalemountain.workloads.kubernetes;

import java.util.Locale;
import java.util.regex.Pattern;

import org.whalemountain.workloads.engine.ContainerSpec;

/**
 * Where and how a spec lands on the cluster, resolved by the engine from its
 * configuration so that {@link KubernetesWorkloadObjects} stays pure (as
 * {@code DockerPlacement} does for Docker).
 *
 * @param namespace the owner's namespace
 * @param objectName the name of the Deployment and of everything made with it
 * @param userName the owner's DNS-safe name, for Ingress hosts
 * @param ingress Ingress domain, class and HTTP ports
 * @param nodePorts the NodePort range a reserved public port is honoured in
 * @param homeClaim the owner's home PersistentVolumeClaim, or {@code null} for an empty
 * directory
 * @param defaultRunAs the user a spec without one runs as
 * @param pullSecret the docker-registry Secret pulls use, or {@code null}
 */
public record KubernetesPlacement(String namespace, String objectName, String userName,
		KubernetesProperties.Ingress ingress, KubernetesProperties.NodePorts nodePorts, String homeClaim,
		ContainerSpec.RunAs defaultRunAs, String pullSecret) {

	/** Room left for suffixes such as {@code -files} and {@code -8080}. */
	private static final int NAME_ROOM = 50;

	private static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

	/**
	 * The objects' name for a spec: its name without the owner's prefix (the namespace
	 * already names the owner) and with {@code LendingSpecs}' {@code _} (its escape of a
	 * hyphen, needed only across owners) a hyphen again, so that alice's {@code my-web}
	 * is {@code my-web} in {@code wm-alice}. A name that still is no DNS-1035 label of at
	 * most 50 characters is made one, with a hash of the whole name against collisions.
	 */
	public static String objectName(ContainerSpec spec) {
		String name = spec.name();
		if (spec.owner() != null && name.startsWith(spec.owner() + "-") && name.length() > spec.owner().length() + 1) {
			name = name.substring(spec.owner().length() + 1);
		}
		name = name.replace('_', '-');
		if (name.length() <= NAME_ROOM && DNS_1035.matcher(name).matches()) {
			return name;
		}
		String safe = NamespaceNames.dnsName(spec.name(), NAME_ROOM);
		return Character.isLetter(safe.charAt(0)) ? safe : "c-" + safe.substring(0, Math.min(safe.length(), 48));
	}

	/** The Secret with the spec's files. */
	String filesSecret() {
		return this.objectName + "-files";
	}

	/** The Ingress of one HTTP guest port. */
	String ingressName(int guestPort) {
		return this.objectName + "-" + guestPort;
	}

	/**
	 * {@code <name>-<user>.<domain>} for the first HTTP port,
	 * {@code <name>-<port>-<user>} for any further one, each a DNS label.
	 */
	String ingressHost(int guestPort, boolean first) {
		String label = first ? this.objectName + "-" + this.userName
				: this.objectName + "-" + guestPort + "-" + this.userName;
		return NamespaceNames.dnsName(label.toLowerCase(Locale.ROOT), NamespaceNames.MAX_LENGTH) + "."
				+ this.ingress.domain();
	}

}
