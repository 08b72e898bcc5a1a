package org.whalemountain.registry.token;

import java.time.Duration;
import java.time.Instant;

/** A signed registry token and how long it lives. */
public record IssuedToken(String token, Instant issuedAt, Duration expiresIn) {

	@Override
	public String toString() {
		return "IssuedToken[issuedAt=" + this.issuedAt + ", expiresIn=" + this.expiresIn + "]";
	}

}
