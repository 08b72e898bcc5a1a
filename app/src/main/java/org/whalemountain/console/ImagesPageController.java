package org.whalemountain.console;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.images.Images;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;

/**
 * My images: the user's catalogue and the registry sync. htmx requests get the panel
 * only, which polls itself while a sync runs.
 */
@Controller
class ImagesPageController {

	private final Images images;

	private final RegistrySync sync;

	ImagesPageController(Images images, RegistrySync sync) {
		this.images = images;
		this.sync = sync;
	}

	@GetMapping("/images")
	String mine(@AuthenticationPrincipal UserPrincipal user, HtmxRequest htmx, Model model) {
		return render(user, this.sync.status(), htmx, model);
	}

	@PostMapping("/images/sync")
	String syncNow(@AuthenticationPrincipal UserPrincipal user, HtmxRequest htmx, Model model) {
		return render(user, this.sync.request(user.username()), htmx, model);
	}

	private String render(UserPrincipal user, SyncStatus sync, HtmxRequest htmx, Model model) {
		model.addAttribute("images", this.images.mine(user.username()));
		model.addAttribute("sync", sync);
		return htmx.isHtmxRequest() ? "images :: panel" : "images";
	}

}
