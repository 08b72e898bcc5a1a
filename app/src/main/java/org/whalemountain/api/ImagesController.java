package org.whalemountain.api;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.images.Image;
import org.whalemountain.images.ImagePatch;
import org.whalemountain.images.Images;
import org.whalemountain.images.Visibility;
import org.whalemountain.sif.SifBuilds;
import org.whalemountain.sif.SifStatus;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The image catalogue. Another user's image that is not shared with the caller answers
 * 404, and so does a change to an image the caller may see but does not own: a viewer
 * learns nothing from trying. The sync endpoints ({@code /api/v1/images/sync}) belong to
 * the registry's controller.
 */
@RestController
@Tag(name = "Images")
class ImagesController {

	private final Images images;

	private final SifBuilds sifBuilds;

	ImagesController(Images images, SifBuilds sifBuilds) {
		this.images = images;
		this.sifBuilds = sifBuilds;
	}

	@GetMapping("/api/v1/images")
	@Operation(summary = "The caller's images, by repository and tag")
	List<ImageView> mine(@AuthenticationPrincipal UserPrincipal user) {
		return this.images.mine(user.username()).stream().map(this::view).toList();
	}

	@GetMapping("/api/v1/images/shared")
	@Operation(summary = "Images other users shared with the caller: PUBLIC, or GROUP of one of the caller's groups")
	List<ImageView> shared(@AuthenticationPrincipal UserPrincipal user) {
		return this.images.sharedWith(user.username()).stream().map(this::view).toList();
	}

	@GetMapping("/api/v1/images/{id}")
	@Operation(summary = "One image the caller owns or that is shared with them (admins: any)")
	ImageView get(@PathVariable long id, @AuthenticationPrincipal UserPrincipal user) {
		return view(this.images.get(user.username(), id));
	}

	@PatchMapping("/api/v1/images/{id}")
	@Operation(summary = "Owner only: change the Markdown description and the sharing; fields left out stay")
	ImageView update(@PathVariable long id, @RequestBody ImagePatch patch, @AuthenticationPrincipal UserPrincipal user,
			HttpServletRequest request) {
		return view(this.images.update(user.username(), id, patch, request.getRemoteAddr()));
	}

	@DeleteMapping("/api/v1/images/{id}")
	@Operation(summary = "Owner or admin: delete the image's manifest from the registry (with every tag that "
			+ "points at it) and from the catalogue")
	ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal UserPrincipal user,
			HttpServletRequest request) {
		this.images.delete(user.username(), id, request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	private ImageView view(Image image) {
		SifView sif = this.sifBuilds.build(image.digest())
			.map((build) -> new SifView(build.status().name(), build.sizeBytes(), build.sha256(), build.reason(),
					(build.status() == SifStatus.READY) ? null : build.message()))
			.orElse(SifView.NOT_BUILT);
		return ImageView.of(image, sif);
	}

	/**
	 * An image as the API shows it.
	 *
	 * @param descriptionHtml the description rendered to HTML, with raw HTML escaped and
	 * unsafe links removed
	 * @param sif the SIF download's state
	 */
	record ImageView(long id, String owner, String repository, String tag, String reference, String digest,
			long sizeBytes, Instant pushedAt, String description, String descriptionHtml, Visibility visibility,
			String group, SifView sif) {

		static ImageView of(Image image, SifView sif) {
			return new ImageView(image.id(), image.owner(), image.repository(), image.tag(), image.reference(),
					image.digest(), image.sizeBytes(), image.pushedAt(), image.description(), image.descriptionHtml(),
					image.visibility(), image.group(), sif);
		}

	}

	/**
	 * @param status QUEUED, BUILDING, READY or FAILED; NOT_BUILT for an image whose
	 * digest was never queued
	 * @param sizeBytes the SIF's size once built, otherwise {@code null}
	 * @param sha256 the SIF's checksum once built, otherwise {@code null}
	 * @param reason the stable code of why the build failed or waits for a retry (e.g.
	 * {@code sif-image-too-large}), otherwise {@code null}
	 * @param message the same for people
	 */
	record SifView(String status, Long sizeBytes, String sha256, String reason, String message) {

		static final SifView NOT_BUILT = new SifView("NOT_BUILT", null, null, null, null);

	}

}
