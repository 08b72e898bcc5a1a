package org.whalemountain.console;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.workloads.Kubeconfigs;

/**
 * The containers page's Kubernetes panel, while Kubernetes is enabled: the user's
 * namespace, the kubeconfig download and the {@code kubectl} lines to paste. Computed
 * without asking the cluster, so that the page stays fast when the cluster is down; the
 * download itself says so then.
 */
@ControllerAdvice(assignableTypes = ContainersPageController.class)
class KubernetesPanelAdvice {

	/**
	 * Looked up when the page renders: the console's web slices for other pages then need
	 * no workloads bean, as advice beans exist in every one of them.
	 */
	private final ObjectProvider<Kubeconfigs> kubeconfigs;

	KubernetesPanelAdvice(ObjectProvider<Kubeconfigs> kubeconfigs) {
		this.kubeconfigs = kubeconfigs;
	}

	/** {@code null} (no panel) when Kubernetes is not enabled. */
	@ModelAttribute("kubernetes")
	Kubeconfigs.Offer kubernetes(@AuthenticationPrincipal UserPrincipal user) {
		return (user == null) ? null : this.kubeconfigs.getObject().offer(user.username()).orElse(null);
	}

}
