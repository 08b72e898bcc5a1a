package org.whalemountain.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages whose features come with later work: each says in a sentence what it will
 * hold. Replaced page by page as the features land.
 */
@Controller
class PlaceholderPagesController {

	@GetMapping("/")
	String home() {
		return "redirect:/images";
	}

	@GetMapping("/containers")
	String containers(Model model) {
		return placeholder(model, "containers");
	}

	private static String placeholder(Model model, String page) {
		model.addAttribute("page", page);
		return "placeholder";
	}

}
