package org.whalemountain.console;

import org.springframework.stereotype.Component;
import org.whalemountain.sif.SifBuild;
import org.whalemountain.sif.SifBuilds;

/**
 * The SIF state of an image, for templates ({@code @sifStates.of(image.digest)}); public
 * so Thymeleaf can call it.
 */
@Component("sifStates")
public class SifStates {

	private final SifBuilds sifBuilds;

	SifStates(SifBuilds sifBuilds) {
		this.sifBuilds = sifBuilds;
	}

	/** The build, or {@code null} when the digest was never queued. */
	public SifBuild of(String digest) {
		return this.sifBuilds.build(digest).orElse(null);
	}

	/**
	 * A file name for the download line: {@code alice/app:1} → {@code alice_app_1.sif}.
	 */
	public String fileName(String repository, String tag) {
		return (repository + "_" + tag).replaceAll("[^A-Za-z0-9._-]", "_") + ".sif";
	}

}
