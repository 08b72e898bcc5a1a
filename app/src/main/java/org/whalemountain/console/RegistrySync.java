package org.whalemountain.console;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.whalemountain.platform.DomainException;
import org.whalemountain.registry.Registry;

/**
 * The console's way to the registry sync: asks for a sync and reads the last run, and
 * turns a sync this build does not have into "not available" in one place, so that the
 * image pages work with or without it.
 */
@Component
class RegistrySync {

	private final Registry registry;

	RegistrySync(Registry registry) {
		this.registry = registry;
	}

	SyncStatus status() {
		return ifAvailable(() -> new SyncStatus(true, this.registry.lastSync().orElse(null), null));
	}

	/** Asks for a sync by the user; a refusal (one already running, …) is shown. */
	SyncStatus request(String username) {
		try {
			return ifAvailable(() -> new SyncStatus(true, this.registry.requestSync("manual", username), null));
		}
		catch (DomainException ex) {
			return status().withError(ex.getMessage());
		}
	}

	private static SyncStatus ifAvailable(Supplier<SyncStatus> call) {
		try {
			return call.get();
		}
		catch (UnsupportedOperationException ex) {
			// the registry module's sync is not in this build
			return SyncStatus.UNAVAILABLE;
		}
	}

}
