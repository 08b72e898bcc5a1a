package org.whalemountain.workloads.events;

import java.time.Instant;

/** A user uploaded a file into their container; only its path and size are kept. */
public record FileUploaded(String owner, long id, String name, String path, long size, String sourceAddress,
		Instant at) {
}
