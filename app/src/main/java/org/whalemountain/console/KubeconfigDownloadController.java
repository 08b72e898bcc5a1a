package org.whalemountain.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The kubeconfig button's target. The file comes from the API, but only the console sends
 * a browser whose session expired to the login page (and back here after it); the API
 * would answer 401.
 */
@Controller
class KubeconfigDownloadController {

	@GetMapping("/kubeconfig")
	String download() {
		return "redirect:/api/v1/kubeconfig";
	}

}
