package org.whalemountain.workloads.docker;

import com.github.dockerjava.api.DockerClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.WorkloadsProperties;

/**
 * The Docker adapter as beans: clients for the configured dockerd, the
 * {@link ContainerEngine} on them, and the {@code docker} health indicator. Nothing here
 * connects at start, so the service starts, and reports docker DOWN, while dockerd is not
 * running.
 */
@Configuration(proxyBeanMethods = false)
class DockerConfiguration {

	@Bean(destroyMethod = "close")
	DockerClient dockerClient(DockerProperties properties) {
		return DockerClients.create(properties);
	}

	/** Kept apart so that commands, which hold a connection each, never starve calls. */
	@Bean(destroyMethod = "close")
	DockerClient dockerCommandClient(DockerProperties properties, WorkloadsProperties workloads) {
		return DockerClients.forCommands(properties, workloads.exec().maxTimeout());
	}

	/** Kept apart so that terminals, which hold a connection each, never starve calls. */
	@Bean(destroyMethod = "close")
	DockerClient dockerTerminalClient(DockerProperties properties) {
		return DockerClients.forTerminals(properties);
	}

	/**
	 * Kept apart so that a status probe gives up within seconds and never waits in line.
	 */
	@Bean(destroyMethod = "close")
	DockerClient dockerProbeClient(DockerProperties properties) {
		return DockerClients.forProbes(properties);
	}

	@Bean
	ContainerEngine dockerContainerEngine(DockerClient dockerClient, DockerClient dockerCommandClient,
			DockerClient dockerTerminalClient, DockerClient dockerProbeClient, DockerProperties properties,
			WorkloadsProperties workloads) {
		return new DockerContainerEngine(
				new DockerContainerEngine.Clients(dockerClient, dockerCommandClient, dockerTerminalClient,
						dockerProbeClient),
				properties, DockerHost.of(properties, workloads.hostAddress(), workloads.homeMount().source()));
	}

	@Bean
	DockerHealthIndicator dockerHealthIndicator(DockerClient dockerClient, DockerProperties properties) {
		return new DockerHealthIndicator(dockerClient, properties.host());
	}

}
