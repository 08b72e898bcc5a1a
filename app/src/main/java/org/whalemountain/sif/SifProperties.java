package org.whalemountain.sif;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * SIF builds ({@code wm.sif.*}); every property is in the operator guide.
 *
 * @param storeDir where finished SIF files live; empty for {@code <wm.data-dir>/sif}
 * @param workDir where builds keep layer blobs while they run; empty for
 * {@code <store-dir>/work}
 * @param maxConcurrentBuilds builds that run at once on this instance
 * @param mksquashfs the mksquashfs program
 * @param maxAttempts attempts before a failing build stays FAILED until rebuilt by hand
 * @param lease how long a claimed build is reserved without a heartbeat before another
 * instance (or this one after a restart) takes it over; the worker renews it every third
 * of this while the build runs
 * @param cleanupGrace how long a SIF stays after the last tag pointing at its digest left
 * @param pollInterval how often idle workers look for queued builds
 * @param maxImageSize the largest image that gets a SIF, counted as the manifest states
 * it (compressed layers); a larger one fails with {@code sif-image-too-large} before
 * anything is downloaded
 * @param buildTimeout how long one build attempt may run before it is stopped and fails
 * with {@code sif-build-timeout}
 * @param maxQueuedPerUser how many builds of one user's images may wait or run at once;
 * more fail with {@code sif-queue-full} until there is room again
 * @param minFreeDisk free space a build must leave on the disks of the work directory and
 * the store, beyond what it will write there; otherwise it is refused with
 * {@code sif-disk-low} and tried again later
 * @param parallelDownloads how many layers of one build download at once
 */
@Validated
@ConfigurationProperties("wm.sif")
public record SifProperties(@DefaultValue("") String storeDir, @DefaultValue("") String workDir,
		@Min(1) @Max(16) @DefaultValue("1") int maxConcurrentBuilds,
		@NotBlank @DefaultValue("mksquashfs") String mksquashfs, @Min(1) @DefaultValue("3") int maxAttempts,
		@NotNull @DefaultValue("PT2M") Duration lease, @NotNull @DefaultValue("P1D") Duration cleanupGrace,
		@NotNull @DefaultValue("PT2S") Duration pollInterval, @NotNull @DefaultValue("20GB") DataSize maxImageSize,
		@NotNull @DefaultValue("PT2H") Duration buildTimeout, @Min(1) @DefaultValue("10") int maxQueuedPerUser,
		@NotNull @DefaultValue("2GB") DataSize minFreeDisk, @Min(1) @Max(16) @DefaultValue("3") int parallelDownloads) {

	Path store(Path dataDir) {
		return this.storeDir.isBlank() ? dataDir.resolve("sif") : Path.of(this.storeDir);
	}

	Path work(Path dataDir) {
		return this.workDir.isBlank() ? store(dataDir).resolve("work") : Path.of(this.workDir);
	}

	/**
	 * How often a running build's lease is renewed: three heartbeats fit into one lease,
	 * so one late or lost renewal never lets another worker take a live build.
	 */
	Duration heartbeat() {
		return this.lease.dividedBy(3);
	}

}
