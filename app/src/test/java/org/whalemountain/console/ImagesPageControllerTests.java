package org.whalemountain.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.images.Image;
import org.whalemountain.images.Images;
import org.whalemountain.images.Visibility;
import org.whalemountain.platform.ConflictException;
import org.whalemountain.registry.Registry;
import org.whalemountain.registry.SyncRun;
import org.whalemountain.registry.SyncRunStatus;
import org.whalemountain.sif.SifBuild;
import org.whalemountain.sif.SifBuilds;
import org.whalemountain.sif.SifStatus;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;
import static org.whalemountain.testsupport.SignedIn.alice;

/**
 * My images and Shared images: the lists, the SIF badge, and the registry sync with the
 * panel that keeps polling while a run is under way. The beans the templates call
 * ({@code @sizes}, {@code @sifStates}) and the console's way to the sync are the real
 * ones; the modules behind them are mocked.
 */
@WebMvcTest({ ImagesPageController.class, SharedImagesPageController.class })
@Import({ RegistrySync.class, Sizes.class, SifStates.class })
class ImagesPageControllerTests {

	private static final Image APP = new Image(7, "alice", "alice/app", "1", "127.0.0.1:5000/alice/app:1", "sha256:aaa",
			2_300_000, Instant.EPOCH, "", "", Visibility.GROUP, "course-os", null, Instant.EPOCH);

	private static final Image TOOL = new Image(8, "bob", "bob/tool", "2", "127.0.0.1:5000/bob/tool:2", "sha256:bbb",
			999, Instant.EPOCH, "", "", Visibility.PUBLIC, null, null, Instant.EPOCH);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Images images;

	@MockitoBean
	Registry registry;

	@MockitoBean
	SifBuilds sifBuilds;

	@Test
	void plainRequestGetsTheWholePageWithSizesAndSifStates() throws Exception {
		given(this.images.mine("alice")).willReturn(List.of(APP));
		given(this.sifBuilds.build("sha256:aaa")).willReturn(Optional.of(new SifBuild("sha256:aaa", "alice/app",
				SifStatus.BUILDING, 40, null, null, null, null, 1, null, null, null)));

		this.mvc.perform(get("/images").with(alice()))
			.andExpect(status().isOk())
			.andExpect(view().name("images"))
			.andExpect(content().string(containsString("<nav")))
			.andExpect(content().string(containsString("id=\"image-7\"")))
			.andExpect(content().string(containsString("2.3 MB")))
			.andExpect(content().string(containsString("Building 40 %")))
			.andExpect(content().string(containsString("course-os")));
	}

	@Test
	void htmxRequestGetsThePanelOnly() throws Exception {
		given(this.images.mine("alice")).willReturn(List.of(APP));

		this.mvc.perform(get("/images").header("HX-Request", "true").with(alice()))
			.andExpect(status().isOk())
			.andExpect(view().name("images :: panel"))
			.andExpect(content().string(startsWith("<section id=\"images-panel\"")))
			.andExpect(content().string(not(containsString("<nav"))))
			.andExpect(content().string(containsString("alice/app")));
	}

	@Test
	void aRunUnderWayKeepsThePanelPollingAndTheButtonDisabled() throws Exception {
		given(this.registry.lastSync()).willReturn(Optional.of(run(SyncRunStatus.RUNNING)));

		this.mvc.perform(get("/images").header("HX-Request", "true").with(alice()))
			.andExpect(content().string(containsString("hx-trigger=\"every 3s\"")))
			.andExpect(content().string(containsString(">running<")))
			.andExpect(content().string(containsString("disabled")));
	}

	@Test
	void aFinishedRunStopsThePollingAndShowsItsCounts() throws Exception {
		given(this.registry.lastSync()).willReturn(Optional.of(run(SyncRunStatus.SUCCEEDED)));

		this.mvc.perform(get("/images").header("HX-Request", "true").with(alice()))
			.andExpect(content().string(not(containsString("hx-trigger=\"every 3s\""))))
			.andExpect(content().string(containsString("sync-succeeded")))
			.andExpect(content().string(containsString("2 added, 1 changed, 0 removed")));
	}

	@Test
	void syncNowAsksTheRegistryAsTheUserAndShowsTheQueuedRun() throws Exception {
		given(this.registry.requestSync("manual", "alice")).willReturn(run(SyncRunStatus.QUEUED));

		this.mvc.perform(post("/images/sync").with(alice()).with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(view().name("images :: panel"))
			.andExpect(content().string(containsString(">queued<")))
			.andExpect(content().string(containsString("hx-trigger=\"every 3s\"")));

		verify(this.registry).requestSync("manual", "alice");
	}

	@Test
	void aRefusedSyncIsShownBesideTheLastRun() throws Exception {
		given(this.registry.requestSync("manual", "alice"))
			.willThrow(new ConflictException("sync-busy", "A sync is already running; wait for it."));
		given(this.registry.lastSync()).willReturn(Optional.of(run(SyncRunStatus.SUCCEEDED)));

		this.mvc.perform(post("/images/sync").with(alice()).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(view().name("images"))
			.andExpect(content().string(containsString("A sync is already running; wait for it.")))
			.andExpect(content().string(containsString("sync-succeeded")));
	}

	@Test
	void aBuildWithoutTheSyncSaysSoAndOffersNoButtonThatWorks() throws Exception {
		given(this.registry.lastSync()).willThrow(new UnsupportedOperationException("no sync in this build"));

		this.mvc.perform(get("/images").with(alice()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"sync-unavailable\"")));
	}

	@Test
	void syncWithoutCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(post("/images/sync").with(alice())).andExpect(status().isForbidden());

		verify(this.registry, never()).requestSync(anyString(), anyString());
	}

	@Test
	void sharedImagesShowTheirOwnersAndSharing() throws Exception {
		given(this.images.sharedWith("alice")).willReturn(List.of(TOOL));

		this.mvc.perform(get("/images/shared").with(alice()))
			.andExpect(status().isOk())
			.andExpect(view().name("images-shared"))
			.andExpect(content().string(containsString("id=\"image-8\"")))
			.andExpect(content().string(containsString("<td>bob</td>")))
			.andExpect(content().string(containsString("999 B")))
			.andExpect(content().string(containsString("visibility-public")));
	}

	private static SyncRun run(SyncRunStatus status) {
		boolean done = !status.inProgress();
		return new SyncRun("r1", "manual", "alice", status, Instant.EPOCH, done ? Instant.EPOCH : null, 3, done ? 2 : 0,
				done ? 1 : 0, 0, List.of(), null);
	}

}
