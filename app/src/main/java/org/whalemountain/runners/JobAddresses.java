package org.whalemountain.runners;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.whalemountain.registry.Registry;
import org.whalemountain.runners.reach.JobAddressProbe;
import org.whalemountain.runners.templates.BuilderRequirements;

/**
 * Checks once the service has started whether CI jobs can reach the registry and its
 * token realm at the addresses runners give them ({@code wm.registry.job-host},
 * {@code wm.registry.job-realm}) and whether the builder can run with the jobs' security
 * options ({@link BuilderRequirements}), logs what is wrong, and keeps it for the runner
 * page and API: a push that cannot work fails only inside a job, long after the operator
 * could have fixed it.
 */
@Component
public class JobAddresses {

	private static final Logger log = LoggerFactory.getLogger(JobAddresses.class);

	private final Registry registry;

	private final RunnersProperties properties;

	private final JobAddressProbe probe = new JobAddressProbe(Duration.ofSeconds(2));

	private volatile List<String> warnings = List.of();

	JobAddresses(Registry registry, RunnersProperties properties) {
		this.registry = registry;
		this.properties = properties;
	}

	/**
	 * What the last check found wrong, one sentence each; empty before the first check
	 * ends and when nothing is wrong.
	 */
	public List<String> warnings() {
		return this.warnings;
	}

	@EventListener(ApplicationReadyEvent.class)
	void checkWhenStarted() {
		// connection attempts may take seconds; start-up does not wait for them
		Thread thread = new Thread(this::check, "job-address-check");
		thread.setDaemon(true);
		thread.start();
	}

	/** Runs the check now and returns what it found. Blocks for a few seconds at most. */
	public List<String> check() {
		List<String> found = new ArrayList<>();
		String host = this.registry.jobHost();
		URI hostUri = URI.create("//" + host);
		this.probe.problem("wm.registry.job-host", hostUri.getHost(), portOr(hostUri.getPort(), 443))
			.ifPresent(found::add);
		URI realm = this.registry.jobRealm();
		this.probe
			.problem("wm.registry.job-realm", realm.getHost(),
					portOr(realm.getPort(), "https".equals(realm.getScheme()) ? 443 : 80))
			.ifPresent(found::add);
		found.addAll(BuilderRequirements.problems(this.properties.builder(), this.properties.buildSecurityOptions()));
		found.forEach((warning) -> log.warn("CI jobs cannot push: {}", warning));
		this.warnings = List.copyOf(found);
		return this.warnings;
	}

	private static int portOr(int port, int fallback) {
		return (port < 0) ? fallback : port;
	}

}
