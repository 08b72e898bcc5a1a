package org.whalemountain.workloads.engine;

/**
 * Where a container is in its life, in the same words on every engine, as
 * spring-cloud-deployer's deployment states and a spawner's poll answer it. Users read
 * them in lower case ({@code pending}, {@code running}...).
 */
public enum ContainerState {

	/** Accepted but not running yet: its image is being pulled, or it is being made. */
	PENDING,
	/** Its process runs; commands, files and terminals reach it. */
	RUNNING,
	/** Stopped on purpose or exited; it can be started again. */
	STOPPED,
	/** It cannot run: the image cannot be had, or it keeps exiting; see the reason. */
	FAILED,
	/** The engine no longer has it. */
	GONE;

	/** The word the API and the console show. */
	public String word() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
