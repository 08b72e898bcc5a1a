package org.whalemountain.console;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.whalemountain.identity.Identity;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;

/**
 * Personal access tokens: list, create (the secret is shown once, right after), revoke.
 * An htmx request gets the token panel only; a plain form post gets the whole page.
 */
@Controller
class TokensPageController {

	private final Identity identity;

	TokensPageController(Identity identity) {
		this.identity = identity;
	}

	@GetMapping("/tokens")
	String tokens(@AuthenticationPrincipal UserPrincipal user, HtmxRequest htmx, Model model) {
		return page(user, model, null, htmx);
	}

	@PostMapping("/tokens")
	String create(@AuthenticationPrincipal UserPrincipal user, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) Integer expiresInDays, HtmxRequest htmx, HttpServletRequest request,
			Model model) {
		try {
			model.addAttribute("created",
					this.identity.createToken(user.username(), name, expiresInDays, request.getRemoteAddr()));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("formError", ex.getMessage());
			model.addAttribute("name", name);
		}
		return page(user, model, null, htmx);
	}

	@PostMapping("/tokens/{id}/revoke")
	String revoke(@AuthenticationPrincipal UserPrincipal user, @PathVariable long id, HtmxRequest htmx,
			HttpServletRequest request, Model model) {
		try {
			this.identity.revokeToken(user.username(), id, request.getRemoteAddr());
			return page(user, model, "tokens.revoked", htmx);
		}
		catch (NotFoundException ex) {
			model.addAttribute("formError", ex.getMessage());
			return page(user, model, null, htmx);
		}
	}

	private String page(UserPrincipal user, Model model, String notice, HtmxRequest htmx) {
		model.addAttribute("tokens", this.identity.tokens(user.username()));
		model.addAttribute("notice", notice);
		model.addAttribute("lifetimes", this.identity.tokenLifetimes());
		return htmx.isHtmxRequest() ? "tokens :: panel" : "tokens";
	}

}
