package org.whalemountain.runners;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.whalemountain.platform.crypto.SecretBox;
import org.whalemountain.registry.Registry;
import org.whalemountain.runners.templates.CiTemplate;
import org.whalemountain.runners.templates.RunnerConfig;
import org.whalemountain.runners.templates.RunnerTemplates;
import org.whalemountain.workloads.engine.EngineLabels;

/**
 * Opens a runner's sealed secrets and renders its {@code config.toml} and
 * {@code .gitlab-ci.yml}.
 */
@Component
class RunnerConfigFactory {

	private static final Logger log = LoggerFactory.getLogger(RunnerConfigFactory.class);

	/** The variable jobs log in to the registry with, wherever it comes from. */
	static final String REGISTRY_PASSWORD = "WM_REGISTRY_PASSWORD";

	private final RunnerTemplates templates = new RunnerTemplates();

	private final RunnersProperties properties;

	private final Registry registry;

	private final SecretBox secrets;

	private final RunnerContainers containers;

	RunnerConfigFactory(RunnersProperties properties, Registry registry, SecretBox secrets,
			RunnerContainers containers) {
		this.properties = properties;
		this.registry = registry;
		this.secrets = secrets;
		this.containers = containers;
	}

	String sealToken(String username, String token) {
		return this.secrets.seal(token, "runner-token:" + username);
	}

	String sealCredential(String username, String credential) {
		return this.secrets.seal(credential, "registry-credential:" + username);
	}

	String openToken(RunnerRecord runner) {
		return this.secrets.open(runner.runnerTokenSealed(), "runner-token:" + runner.username());
	}

	/**
	 * The runner token, or empty when it no longer opens (the encryption key was lost or
	 * replaced): then only the GitLab side cannot be cleaned up, which is logged.
	 */
	Optional<String> openTokenIfPossible(RunnerRecord runner) {
		try {
			return Optional.of(openToken(runner));
		}
		catch (IllegalArgumentException ex) {
			log.warn("The runner token of {} does not open with the current encryption key; its GitLab runner "
					+ "is left for the user to delete", runner.username());
			return Optional.empty();
		}
	}

	String openCredential(RunnerRecord runner) {
		return this.secrets.open(runner.registryCredentialSealed(), "registry-credential:" + runner.username());
	}

	/**
	 * The runner's {@code config.toml}. The registry password goes into the job
	 * environment only when the project has no masked variable holding it: there any job
	 * could print it with {@code env}. Jobs name the registry by its job address, which
	 * they can reach from the user's network. On an engine with namespaces the kubernetes
	 * executor's file keeps the runner's jobs in the user's.
	 */
	String configToml(RunnerRecord runner) {
		String user = runner.username();
		List<String> environment = new ArrayList<>(List.of("WM_REGISTRY=" + this.registry.jobHost(),
				"WM_IMAGE_PREFIX=" + this.registry.jobImagePrefix(user), "WM_REGISTRY_USER=" + user));
		if (this.properties.registryInsecure()) {
			environment.add("WM_REGISTRY_INSECURE=true");
		}
		if (!this.properties.caFile().isBlank()) {
			environment.add("WM_CA_FILE=" + RunnerConfig.JOB_CA_FILE);
		}
		if (runner.registryPasswordPlace() == RegistryPasswordPlace.RUNNER_ENVIRONMENT) {
			environment.add(REGISTRY_PASSWORD + "=" + openCredential(runner));
		}
		return this.templates.configToml(new RunnerConfig(user, RunnerContainers.containerName(user),
				runner.gitlabUrl(), runner.gitlabRunnerId(), openToken(runner), environment,
				this.properties.buildImage(), this.properties.allowedImages(), this.properties.allowedServices(),
				this.properties.buildSecurityOptions(), EngineLabels.network(user), this.properties.jobCpus(),
				this.properties.jobMemory(), this.properties.concurrent(), this.properties.jobUser(),
				this.properties.caFile(), this.containers.namespaceOf(user)));
	}

	String gitlabCi(String username) {
		return this.templates.gitlabCi(new CiTemplate(username, RunnerEnrolment.tag(username),
				this.properties.buildImage(), this.registry.jobImagePrefix(username), this.properties.builder()));
	}

}
