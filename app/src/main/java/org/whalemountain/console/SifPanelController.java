package org.whalemountain.console;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.images.Image;
import org.whalemountain.images.Images;
import org.whalemountain.platform.DomainException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.sif.SifBuilds;
import org.whalemountain.sif.SifRequest;

/**
 * The SIF panel of an image page: status with progress (polled by htmx while the build
 * runs), the download button and the ssh command line, and a rebuild for the owner.
 */
@Controller
class SifPanelController {

	private final Images images;

	private final SifBuilds sifBuilds;

	SifPanelController(Images images, SifBuilds sifBuilds) {
		this.images = images;
		this.sifBuilds = sifBuilds;
	}

	@GetMapping("/images/{id}/sif-panel")
	String panel(@PathVariable long id, @AuthenticationPrincipal UserPrincipal user, Model model) {
		return render(id, user, model);
	}

	/**
	 * The download button's target. The file comes from the API, but only the console
	 * sends a browser whose session expired to the login page (and back here after it);
	 * the API would answer 401.
	 */
	@GetMapping("/images/{id}/sif")
	String download(@PathVariable long id) {
		return "redirect:/api/v1/images/" + id + "/sif";
	}

	@PostMapping("/images/{id}/sif/rebuild")
	String rebuild(@PathVariable long id, @AuthenticationPrincipal UserPrincipal user, Model model) {
		Image image = this.images.get(user.username(), id);
		if (!this.images.actions(user.username(), id).change()) {
			throw new NotFoundException("image-not-found", "There is no image " + id + " of yours.");
		}
		try {
			this.sifBuilds.rebuild(sifRequest(image));
		}
		catch (DomainException ex) {
			model.addAttribute("sifError", ex.getMessage());
		}
		return render(id, user, model);
	}

	private String render(long id, UserPrincipal user, Model model) {
		Image image = this.images.get(user.username(), id);
		model.addAttribute("image", image);
		model.addAttribute("actions", this.images.actions(user.username(), id));
		model.addAttribute("sif", this.sifBuilds.request(sifRequest(image)));
		model.addAttribute("sifLog", this.sifBuilds.log(image.digest()).orElse(null));
		return "sif-panel :: panel";
	}

	private static SifRequest sifRequest(Image image) {
		return new SifRequest(image.digest(), image.repository(), image.owner(), image.sizeBytes());
	}

}
