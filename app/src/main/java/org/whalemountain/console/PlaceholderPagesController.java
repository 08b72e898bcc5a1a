package org.whalemountain.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's home, which is the user's images. (It also served the pages whose
 * features came later, replaced page by page as they landed.)
 */
@Controller
class PlaceholderPagesController {

	@GetMapping("/")
	String home() {
		return "redirect:/images";
	}

}
