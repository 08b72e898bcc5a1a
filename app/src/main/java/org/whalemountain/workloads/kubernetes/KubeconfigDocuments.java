package org.whalemountain.workloads.kubernetes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * A user's kubeconfig as YAML, computed without a cluster: one cluster (the public URL
 * and CA), one user (a bearer token), one context in the user's namespace, current.
 * Nothing in it names a file on the service's machine, so it works wherever it is saved.
 */
public final class KubeconfigDocuments {

	static final String CLUSTER = "whalemountain";

	private KubeconfigDocuments() {
	}

	/**
	 * @param server the API server's URL as users reach it
	 * @param caPem the CA certificates users' kubectl trusts the server by, PEM; empty
	 * for the system's trust store
	 * @param namespace the user's namespace, also the user and context name
	 * @param token the bearer token
	 * @param expiresAt when the token expires, told in a comment at the top
	 */
	public static String yaml(String server, String caPem, String namespace, String token, Instant expiresAt) {
		Config config = new ConfigBuilder().withApiVersion("v1")
			.withKind("Config")
			.addNewCluster()
			.withName(CLUSTER)
			.withNewCluster()
			.withServer(server)
			.withCertificateAuthorityData(caPem.isEmpty() ? null
					: Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)))
			.endCluster()
			.endCluster()
			.addNewUser()
			.withName(namespace)
			.withNewUser()
			.withToken(token)
			.endUser()
			.endUser()
			.addNewContext()
			.withName(namespace)
			.withNewContext()
			.withCluster(CLUSTER)
			.withUser(namespace)
			.withNamespace(namespace)
			.endContext()
			.endContext()
			.withCurrentContext(namespace)
			.build();
		String yaml = Serialization.asYaml(config);
		if (yaml.startsWith("---\n")) {
			yaml = yaml.substring(4);
		}
		return "# WhaleMountain kubeconfig for the namespace " + namespace + ". Its token expires at " + expiresAt
				+ ";\n# download a new one then. Keep it secret: it acts as you on the cluster.\n" + yaml;
	}

}
