package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.EngineCalls;
import org.whalemountain.workloads.LaunchRequest;
import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.engine.ContainerEngine;
import org.whalemountain.workloads.engine.ContainerEngines;
import org.whalemountain.workloads.engine.RegistryCredentials;
import org.whalemountain.workloads.engine.ContainerState;
import org.whalemountain.workloads.store.ContainerRecord;

import java.util.List;

import org.springframework.stereotype.Component;
import org.whalemountain.platform.ConflictException;
import org.whalemountain.platform.ImageReference;
import org.whalemountain.platform.InvalidInputException;

/**
 * Decides how a launch goes once its input is checked: an image the engine says it has is
 * run at once ({@code running}); any other is reserved as {@code pending} and run in the
 * background by {@link ImagePulls}, where the engine pulls it first, so that a request
 * never waits for a download. Input, visibility, quota and host ports are always checked
 * before the answer.
 */
@Component
public class Launches {

	private final ContainerEngines engines;

	private final ImageChoice images;

	private final HomeVolumes homes;

	private final LaunchSteps launcher;

	private final ImagePulls pulls;

	private final WorkloadsProperties properties;

	Launches(ContainerEngines engines, ImageChoice images, HomeVolumes homes, LaunchSteps launcher, ImagePulls pulls,
			WorkloadsProperties properties) {
		this.engines = engines;
		this.images = images;
		this.homes = homes;
		this.launcher = launcher;
		this.pulls = pulls;
		this.properties = properties;
	}

	/**
	 * @return the row, {@code running} or {@code pending}
	 * @throws InvalidInputException for bad input, an image that is not allowed or an
	 * engine that is not enabled
	 * @throws ConflictException for a taken name, an exceeded quota or no free host port
	 */
	public ContainerRecord launch(String username, LaunchRequest request) {
		ContainerEngine engine = this.engines.forLaunch(request.engine());
		LaunchPlan plan = plan(username, request, engine.name());
		if (EngineCalls.call(() -> engine.hasImage(plan.image()))) {
			// no pull expected: no registry token is minted for it
			ContainerRecord row = EngineCalls.call(() -> this.launcher.launch(plan, null));
			if (row == null) {
				throw new ConflictException("container-gone", "The container was deleted while it started.");
			}
			return row;
		}
		RegistryCredentials credentials = this.images.pullCredentials(plan.reference());
		ContainerRecord row = this.launcher.reserve(plan, ContainerState.PENDING);
		this.pulls.submit(row, plan, credentials);
		return row;
	}

	private LaunchPlan plan(String username, LaunchRequest request, String engine) {
		String name = LaunchInputs.fullName(username, request.name());
		List<String> env = LaunchInputs.env(request.env());
		List<Integer> ports = LaunchInputs.ports(request.ports(), this.properties.maxPortsPerContainer());
		List<String> command = (request.command() != null) ? LaunchInputs.command(request.command()) : List.of();
		ImageReference image = this.images.check(username, request.image());
		return new LaunchPlan(username, name, engine, image, command, env, ports, this.homes.prepare(username));
	}

}
