package org.whalemountain.api;

import java.nio.file.Path;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.images.Image;
import org.whalemountain.images.Images;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.platform.Problems;
import org.whalemountain.sif.SifBuild;
import org.whalemountain.sif.SifBuilds;
import org.whalemountain.sif.SifRequest;
import org.whalemountain.sif.SifStatus;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * SIF downloads. The image must be visible to the caller (else 404, as everywhere); the
 * file is served with {@code Content-Length}, an {@code ETag} (its SHA-256) and
 * {@code Range} support, so {@code curl -C -} resumes a broken download.
 */
@RestController
@Tag(name = "SIF")
class SifController {

	private final Images images;

	private final SifBuilds sifBuilds;

	SifController(Images images, SifBuilds sifBuilds) {
		this.images = images;
		this.sifBuilds = sifBuilds;
	}

	@GetMapping("/api/v1/images/{id}/sif")
	@Operation(summary = "The image as a Singularity/Apptainer SIF file; 202 while it is being built, 409 if the "
			+ "build failed")
	ResponseEntity<?> download(@PathVariable long id, @AuthenticationPrincipal UserPrincipal user, WebRequest request,
			HttpServletRequest servletRequest) {
		Image image = this.images.get(user.username(), id);
		SifBuild build = this.sifBuilds.request(sifRequest(image));
		if (build.status() == SifStatus.FAILED) {
			// the problem's type says that it failed, its reason why: a script that
			// branches on the reason tells "too large" from "try again later"
			ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "sif-build-failed", "Building the SIF failed: "
					+ build.message() + " The owner can ask for a rebuild once the image is fixed.");
			problem.setProperty("reason", build.reason());
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
		}
		if (build.status() != SifStatus.READY) {
			return ResponseEntity.accepted().header(HttpHeaders.RETRY_AFTER, "10").body(BuildView.of(build));
		}
		String etag = "\"" + build.sha256() + "\"";
		if (request.checkNotModified(etag)) {
			return null;
		}
		Path path = this.sifBuilds.file(image.digest());
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.eTag(etag)
			.cacheControl(CacheControl.noCache().cachePrivate())
			.header(HttpHeaders.ACCEPT_RANGES, "bytes")
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(fileName(image)).build().toString());
		// a whole file goes by sendfile where the container can: SIFs are gigabytes
		long size = sizeOf(path);
		if (size >= 0 && Sendfile.offer(servletRequest, path, size)) {
			return response.contentLength(size).build();
		}
		Resource file = new FileSystemResource(path);
		return response.body(file);
	}

	@PostMapping("/api/v1/images/{id}/sif/rebuild")
	@Operation(summary = "Owner only: build the image's SIF again")
	ResponseEntity<BuildView> rebuild(@PathVariable long id, @AuthenticationPrincipal UserPrincipal user) {
		Image image = this.images.get(user.username(), id);
		if (!this.images.actions(user.username(), id).change()) {
			throw new NotFoundException("image-not-found", "There is no image " + id + " of yours.");
		}
		SifBuild build = this.sifBuilds.rebuild(sifRequest(image));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(BuildView.of(build));
	}

	/** The file's size, or -1 when it cannot be read (the resource then answers). */
	private static long sizeOf(Path file) {
		try {
			return java.nio.file.Files.size(file);
		}
		catch (java.io.IOException ex) {
			return -1;
		}
	}

	static SifRequest sifRequest(Image image) {
		return new SifRequest(image.digest(), image.repository(), image.owner(), image.sizeBytes());
	}

	/**
	 * {@code alice/app:1} → {@code alice_app_1.sif}: a name every shell and file system
	 * takes.
	 */
	static String fileName(Image image) {
		return (image.repository() + "_" + image.tag()).replaceAll("[^A-Za-z0-9._-]", "_") + ".sif";
	}

	/**
	 * A build that is not finished yet.
	 *
	 * @param reason and {@code message}: why a queued build waits for a retry, else
	 * {@code null}
	 */
	record BuildView(String status, int progress, Instant queuedAt, Instant startedAt, String reason, String message) {

		static BuildView of(SifBuild build) {
			return new BuildView(build.status().name(), build.progress(), build.queuedAt(), build.startedAt(),
					build.reason(), build.message());
		}

	}

}
