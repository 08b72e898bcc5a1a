package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.EngineUnavailableException;
import org.whalemountain.workloads.engine.EngineBusyException;
import org.whalemountain.workloads.engine.ContainerNotFoundException;
import org.whalemountain.workloads.engine.ContainerNotRunningException;
import org.whalemountain.workloads.engine.HostPortTakenException;
import org.whalemountain.workloads.engine.VolumeUnavailableException;

import java.time.Duration;
import java.util.function.Supplier;

import org.whalemountain.platform.ConflictException;
import org.whalemountain.platform.UnavailableException;

/** Turns engine failures into the domain failures users see. */
public final class EngineCalls {

	/** Connections come free as other calls end, mostly within seconds. */
	static final Duration BUSY_RETRY = Duration.ofSeconds(5);

	private EngineCalls() {
	}

	public static <T> T call(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (EngineBusyException ex) {
			// the engine is fine; the service's connections to it are all in use
			throw new UnavailableException("engine-busy", "The container engine is busy with other requests right now."
					+ " Nothing was changed; try again in a few seconds.", BUSY_RETRY);
		}
		catch (EngineUnavailableException ex) {
			if (ex.engine() != null && !ex.engine().equals("docker")) {
				// "docker-unavailable" predates the other engines; theirs is the neutral
				// word
				throw new UnavailableException("engine-unavailable", "The " + ex.engine() + " engine does not answer ("
						+ ex.getMessage() + "). Nothing was changed; try again later.", Duration.ofSeconds(30));
			}
			throw new UnavailableException("docker-unavailable", "The container engine does not answer ("
					+ ex.getMessage() + "). Nothing was changed; try again later.", Duration.ofSeconds(30));
		}
		catch (HostPortTakenException ex) {
			// only on start: something outside the service bound the port meanwhile
			throw new ConflictException("host-port-taken", "A host port of this container is taken on the engine's host"
					+ " by something else; delete the container and launch it again.");
		}
		catch (ContainerNotRunningException ex) {
			throw new ConflictException("container-not-running", "The container is not running; start it first.");
		}
		catch (VolumeUnavailableException ex) {
			throw new UnavailableException("home-unavailable", "Your home directory could not be made ready ("
					+ ex.getMessage() + "); try again later or ask an administrator.", null);
		}
		catch (ContainerNotFoundException ex) {
			throw new ConflictException("container-gone",
					"The container no longer exists on the container engine; delete it and launch it again.");
		}
	}

	static void run(Runnable call) {
		call(() -> {
			call.run();
			return null;
		});
	}

}
