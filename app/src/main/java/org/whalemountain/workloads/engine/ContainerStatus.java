package org.whalemountain.workloads.engine;

/** The life cycle states a container can be in, on any engine. */
public enum ContainerStatus {

	CREATED, RUNNING, PAUSED, RESTARTING, EXITED, DEAD, UNKNOWN

}
