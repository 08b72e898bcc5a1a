package org.whalemountain.registry;

import org.springframework.stereotype.Service;

/**
 * Placeholder for the registry module's entry while it is being built; replaced by the
 * real one.
 */
@Service
public class Registry {

	public String host() {
		throw new UnsupportedOperationException();
	}

	public String imagePrefix(String username) {
		throw new UnsupportedOperationException();
	}

	public String issueRunnerCredential(String username) {
		throw new UnsupportedOperationException();
	}

	public void revokeRunnerCredential(String username) {
		throw new UnsupportedOperationException();
	}

}
