package org.whalemountain.workloads.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.UnavailableException;

/**
 * The engines the service has, known by name ({@code docker}, later {@code kubernetes}),
 * which of them are enabled ({@code wm.workloads.engines.enabled}) and which a launch
 * without an engine gets ({@code wm.workloads.engines.default}). The one way to an
 * engine: a new launch asks {@link #forLaunch}, and everything done to a container that
 * exists goes to the engine its row names ({@link #named}), never to "the" engine, so
 * that a container launched on one engine is always operated on that one. Checked once at
 * start: a default that is not enabled, or an enabled name without an engine, stops the
 * start with a message saying what to set.
 */
@Component
public class ContainerEngines {

	private final Map<String, ContainerEngine> known = new LinkedHashMap<>();

	private final List<String> enabled;

	private final String defaultName;

	public ContainerEngines(List<ContainerEngine> engines, EnginesProperties properties) {
		for (ContainerEngine engine : engines) {
			if (this.known.putIfAbsent(engine.name(), engine) != null) {
				throw new IllegalStateException("Two container engines are named " + engine.name() + ".");
			}
		}
		this.enabled = properties.enabled().stream().distinct().toList();
		this.defaultName = properties.defaultName();
		for (String name : this.enabled) {
			if (!this.known.containsKey(name)) {
				throw new IllegalStateException("wm.workloads.engines.enabled names the engine " + name
						+ ", which this service does not have; the engines it has are " + this.known.keySet() + ".");
			}
		}
		if (!this.enabled.contains(this.defaultName)) {
			throw new IllegalStateException("wm.workloads.engines.default is " + this.defaultName
					+ ", which is not one of wm.workloads.engines.enabled " + this.enabled + ".");
		}
	}

	/** The name of the engine a launch without {@code engine} runs on. */
	public String defaultName() {
		return this.defaultName;
	}

	/** The enabled engines, in the configured order. */
	public List<ContainerEngine> enabled() {
		return this.enabled.stream().map(this.known::get).toList();
	}

	/** Whether containers on this engine may be launched and acted on. */
	public boolean isEnabled(String name) {
		return this.enabled.contains(name);
	}

	/**
	 * The engine a new launch runs on.
	 * @param requested the name the user asked for, or {@code null} for the default
	 * @throws InvalidInputException ({@code engine-not-available}) for an unknown or
	 * disabled engine, naming the available ones
	 */
	public ContainerEngine forLaunch(String requested) {
		String name = (requested != null) ? requested : this.defaultName;
		if (!this.enabled.contains(name)) {
			throw new InvalidInputException("engine-not-available", "engine", "There is no engine '" + name
					+ "' to launch on here; choose one of " + String.join(", ", this.enabled) + ".");
		}
		return this.known.get(name);
	}

	/**
	 * The engine of a container or runner that exists. An engine an operator disabled (or
	 * that the service no longer has) is not called at all: its containers may still run
	 * there, but the service no longer speaks to it.
	 * @throws UnavailableException ({@code engine-unavailable}) when the engine is not
	 * enabled
	 */
	public ContainerEngine named(String name) {
		if (!this.enabled.contains(name)) {
			throw new UnavailableException("engine-unavailable", "This runs on the engine '" + name
					+ "', which is not enabled on the service (wm.workloads.engines.enabled); nothing was changed."
					+ " An operator must enable it again.", null);
		}
		return this.known.get(name);
	}

	/**
	 * Each enabled engine with whether it answers a cheap probe now. Blocks for one probe
	 * per engine.
	 */
	public List<EngineState> states() {
		return enabled().stream()
			.map((engine) -> new EngineState(engine.name(), engine.name().equals(this.defaultName), answers(engine)))
			.toList();
	}

	private static boolean answers(ContainerEngine engine) {
		try {
			return engine.answers();
		}
		catch (RuntimeException ex) {
			// a probe that fails in an unforeseen way still only means "not up"
			return false;
		}
	}

	/**
	 * An enabled engine as users see it.
	 *
	 * @param name what a launch names it with
	 * @param isDefault whether launches without an engine run on it
	 * @param up whether it answered a probe just now
	 */
	public record EngineState(String name, boolean isDefault, boolean up) {
	}

}
