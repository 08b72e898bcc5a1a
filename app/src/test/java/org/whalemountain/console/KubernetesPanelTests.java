package org.whalemountain.console;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.workloads.Kubeconfigs;
import org.whalemountain.workloads.Workloads;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.whalemountain.testsupport.SignedIn.alice;

/**
 * The containers page's Kubernetes panel: the kubeconfig button and the kubectl lines
 * while Kubernetes is enabled, in English and Japanese; nothing while it is not.
 */
@WebMvcTest({ ContainersPageController.class, KubeconfigDownloadController.class })
class KubernetesPanelTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Workloads workloads;

	@MockitoBean
	Kubeconfigs kubeconfigs;

	@Test
	void withKubernetesThePageOffersTheKubeconfigAndTheKubectlLines() throws Exception {
		given(this.workloads.list("alice")).willReturn(List.of());
		given(this.kubeconfigs.offer("alice")).willReturn(
				Optional.of(new Kubeconfigs.Offer("wm-alice", "kubeconfig-wm-alice.yaml", Duration.ofHours(8))));

		this.mvc.perform(get("/containers").with(alice()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"kubeconfig-download\" href=\"/kubeconfig\"")))
			.andExpect(content().string(containsString("<code>wm-alice</code>")))
			.andExpect(content().string(containsString("works for 8 hours")))
			.andExpect(content()
				.string(containsString("kubectl --kubeconfig ~/Downloads/kubeconfig-wm-alice.yaml get pods")))
			.andExpect(content()
				.string(containsString("kubectl --kubeconfig ~/Downloads/kubeconfig-wm-alice.yaml logs POD")))
			.andExpect(content()
				.string(containsString("kubectl --kubeconfig ~/Downloads/kubeconfig-wm-alice.yaml exec -it POD -- sh")))
			.andExpect(content().string(containsString(
					"kubectl --kubeconfig ~/Downloads/kubeconfig-wm-alice.yaml cp ./notes.txt POD:/tmp/notes.txt")))
			.andExpect(content().string(containsString(
					"kubectl --kubeconfig ~/Downloads/kubeconfig-wm-alice.yaml port-forward POD 8080:80")));
	}

	@Test
	void inJapaneseAndWithALifetimeInMinutes() throws Exception {
		given(this.workloads.list("alice")).willReturn(List.of());
		given(this.kubeconfigs.offer("alice")).willReturn(
				Optional.of(new Kubeconfigs.Offer("wm-alice", "kubeconfig-wm-alice.yaml", Duration.ofMinutes(90))));

		this.mvc.perform(get("/containers").locale(Locale.JAPANESE).with(alice()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("kubeconfig をダウンロード")))
			.andExpect(content().string(containsString("90 分間有効")))
			.andExpect(content().string(containsString("get pods")));
	}

	@Test
	void withoutKubernetesThereIsNoPanel() throws Exception {
		given(this.workloads.list("alice")).willReturn(List.of());
		given(this.kubeconfigs.offer("alice")).willReturn(Optional.empty());

		this.mvc.perform(get("/containers").with(alice()))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("kubernetes-panel"))))
			.andExpect(content().string(not(containsString("kubectl"))));
	}

	/** Through the console, so that an expired session is sent to the login page. */
	@Test
	void theButtonLeadsToTheApisDownload() throws Exception {
		this.mvc.perform(get("/kubeconfig").with(alice()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/api/v1/kubeconfig"));
	}

}
