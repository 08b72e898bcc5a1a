package org.whalemountain.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.images.ImagePatch;
import org.whalemountain.images.Images;
import org.whalemountain.images.Visibility;
import org.whalemountain.platform.DomainException;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;

/**
 * One image: its rendered description and {@code docker pull} line for everyone who may
 * see it; the description editor, the sharing form and deletion for those who may change
 * or delete it. The forms swap the panel in place for htmx and reload the page otherwise.
 * An image the user may not see is the 404 page.
 */
@Controller
class ImagePageController {

	private final Images images;

	ImagePageController(Images images) {
		this.images = images;
	}

	@GetMapping("/images/{id}")
	String image(@PathVariable long id, @AuthenticationPrincipal UserPrincipal user, HtmxRequest htmx, Model model) {
		return render(id, user, htmx, model);
	}

	@PostMapping("/images/{id}/description")
	String describe(@PathVariable long id, @RequestParam(defaultValue = "") String description,
			@AuthenticationPrincipal UserPrincipal user, HtmxRequest htmx, HttpServletRequest request, Model model) {
		try {
			this.images.update(user.username(), id, new ImagePatch(description, null, null), request.getRemoteAddr());
			model.addAttribute("notice", "image.described");
		}
		catch (InvalidInputException ex) {
			model.addAttribute("descriptionError", ex.getMessage());
			model.addAttribute("draft", description);
		}
		return render(id, user, htmx, model);
	}

	@PostMapping("/images/{id}/sharing")
	String share(@PathVariable long id, @RequestParam(defaultValue = "") String visibility,
			@RequestParam(required = false) String group, @AuthenticationPrincipal UserPrincipal user, HtmxRequest htmx,
			HttpServletRequest request, Model model) {
		// the form always sends the group select; it means something only with GROUP
		String groupIfAny = "GROUP".equals(visibility) ? group : null;
		try {
			this.images.update(user.username(), id, new ImagePatch(null, visibility, groupIfAny),
					request.getRemoteAddr());
			model.addAttribute("notice", "image.shared");
		}
		catch (InvalidInputException ex) {
			model.addAttribute("sharingError", ex.getMessage());
		}
		return render(id, user, htmx, model);
	}

	/**
	 * Back to My images afterwards: htmx follows {@code HX-Redirect}, a plain form the
	 * redirect. Not a {@code redirect:htmx:} view name: Thymeleaf's view resolver comes
	 * before htmx's and would answer it with a 302 to {@code htmx:/images}.
	 */
	@PostMapping("/images/{id}/delete")
	String delete(@PathVariable long id, @AuthenticationPrincipal UserPrincipal user, HtmxRequest htmx,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		try {
			this.images.delete(user.username(), id, request.getRemoteAddr());
		}
		catch (NotFoundException ex) {
			throw ex;
		}
		catch (DomainException ex) {
			// the registry is down, say: the image stays, and the page says why
			model.addAttribute("deleteError", ex.getMessage());
			return render(id, user, htmx, model);
		}
		if (htmx.isHtmxRequest()) {
			response.setHeader("HX-Redirect", request.getContextPath() + "/images");
			// handled: an empty answer, since the image to render is gone
			return null;
		}
		return "redirect:/images";
	}

	private String render(long id, UserPrincipal user, HtmxRequest htmx, Model model) {
		model.addAttribute("image", this.images.get(user.username(), id));
		model.addAttribute("actions", this.images.actions(user.username(), id));
		model.addAttribute("groups", user.groups());
		model.addAttribute("visibilities", Visibility.values());
		return htmx.isHtmxRequest() ? "image :: panel" : "image";
	}

}
