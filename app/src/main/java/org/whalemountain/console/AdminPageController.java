package org.whalemountain.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.whalemountain.audit.AuditLog;
import org.whalemountain.identity.Identity;
import org.whalemountain.sif.SifBuilds;

/**
 * Admins only (enforced by the security chain for {@code /admin/**}): users and the audit
 * log.
 */
@Controller
class AdminPageController {

	private final Identity identity;

	private final AuditLog audit;

	private final SifBuilds sifBuilds;

	AdminPageController(Identity identity, AuditLog audit, SifBuilds sifBuilds) {
		this.identity = identity;
		this.audit = audit;
		this.sifBuilds = sifBuilds;
	}

	@GetMapping("/admin")
	String admin(Model model) {
		model.addAttribute("users", this.identity.users());
		model.addAttribute("audit", this.audit.latest(100, null));
		model.addAttribute("sifStoreBytes", this.sifBuilds.storeUsedBytes());
		return "admin";
	}

}
