package org.whalemountain.sif;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * SIF builds ({@code wm.sif.*}); every property is in the operator guide.
 *
 * @param storeDir where finished SIF files live; empty for {@code <wm.data-dir>/sif}
 * @param workDir where builds keep layer blobs and the squashfs while they run; empty for
 * {@code <store-dir>/work}
 * @param maxConcurrentBuilds builds that run at once on this instance
 * @param mksquashfs the mksquashfs program
 * @param maxAttempts attempts before a failing build stays FAILED until rebuilt by hand
 * @param lease how long a claimed build is reserved without a heartbeat before another
 * instance (or this one after a restart) takes it over
 * @param cleanupGrace how long a SIF stays after the last tag pointing at its digest left
 * @param pollInterval how often idle workers look for queued builds
 */
@Validated
@ConfigurationProperties("wm.sif")
public record SifProperties(@DefaultValue("") String storeDir, @DefaultValue("") String workDir,
		@Min(1) @Max(16) @DefaultValue("1") int maxConcurrentBuilds,
		@NotBlank @DefaultValue("mksquashfs") String mksquashfs, @Min(1) @DefaultValue("3") int maxAttempts,
		@NotNull @DefaultValue("PT2M") Duration lease, @NotNull @DefaultValue("P1D") Duration cleanupGrace,
		@NotNull @DefaultValue("PT2S") Duration pollInterval) {

	Path store(Path dataDir) {
		return this.storeDir.isBlank() ? dataDir.resolve("sif") : Path.of(this.storeDir);
	}

	Path work(Path dataDir) {
		return this.workDir.isBlank() ? store(dataDir).resolve("work") : Path.of(this.workDir);
	}

}
