package org.whalemountain.console;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.images.Images;

/**
 * Shared images: what other users share with everybody or with one of the user's groups.
 */
@Controller
class SharedImagesPageController {

	private final Images images;

	SharedImagesPageController(Images images) {
		this.images = images;
	}

	@GetMapping("/images/shared")
	String shared(@AuthenticationPrincipal UserPrincipal user, Model model) {
		model.addAttribute("images", this.images.sharedWith(user.username()));
		return "images-shared";
	}

}
