package org.whalemountain.archfixture.neutral;

/**
 * A deliberate offender: an engine-neutral package that names Docker's bridge and seccomp
 * in its name and its strings. Test fixture only.
 */
public final class BridgeSettings {

	public static final String OPTION = "seccomp=unconfined";

	private BridgeSettings() {
	}

}
