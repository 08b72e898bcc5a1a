package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.EngineCalls;
import org.whalemountain.workloads.LaunchRequest;
import org.whalemountain.workloads.WorkloadsProperties;
import org.whalemountain.workloads.engine.ContainerEngine;
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

	private final ContainerEngine engine;

	private final ImageChoice images;

	private final HomeVolumes homes;

	private final LaunchSteps launcher;

	private final ImagePulls pulls;

	private final WorkloadsProperties properties;

	Launches(ContainerEngine engine, ImageChoice images, HomeVolumes homes, LaunchSteps launcher, ImagePulls pulls,
			WorkloadsProperties properties) {
		this.engine = engine;
		this.images = images;
		this.homes = homes;
		this.launcher = launcher;
		this.pulls = pulls;
		this.properties = properties;
	}

	/**
	 * @return the row, {@code running} or {@code pending}
	 * @throws InvalidInputException for bad input or an image that is not allowed
	 * @throws ConflictException for a taken name, an exceeded quota or no free host port
	 */
	public ContainerRecord launch(String username, LaunchRequest request) {
		LaunchPlan plan = plan(username, request);
		RegistryCredentials credentials = this.images.pullCredentials(plan.reference());
		if (EngineCalls.call(() -> this.engine.hasImage(plan.image()))) {
			ContainerRecord row = EngineCalls.call(() -> this.launcher.launch(plan, credentials));
			if (row == null) {
				throw new ConflictException("container-gone", "The container was deleted while it started.");
			}
			return row;
		}
		ContainerRecord row = this.launcher.reserve(plan, ContainerState.PENDING);
		this.pulls.submit(row, plan, credentials);
		return row;
	}

	private LaunchPlan plan(String username, LaunchRequest request) {
		String name = LaunchInputs.fullName(username, request.name());
		if (request.engine() != null && !request.engine().equals(this.engine.name())) {
			throw new InvalidInputException("engine-not-available", "engine",
					"Only the " + this.engine.name() + " engine is available here.");
		}
		List<String> env = LaunchInputs.env(request.env());
		List<Integer> ports = LaunchInputs.ports(request.ports(), this.properties.maxPortsPerContainer());
		List<String> command = (request.command() != null) ? LaunchInputs.command(request.command()) : List.of();
		ImageReference image = this.images.check(username, request.image());
		return new LaunchPlan(username, name, image, command, env, ports, this.homes.prepare(username));
	}

}
