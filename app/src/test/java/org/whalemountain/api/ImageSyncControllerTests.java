package org.whalemountain.api;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.registry.Registry;
import org.whalemountain.registry.SyncRun;
import org.whalemountain.registry.SyncRunStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.whalemountain.testsupport.SignedIn.alice;

@WebMvcTest(ImageSyncController.class)
class ImageSyncControllerTests {

	private static final SyncRun BOBS = new SyncRun("r1", "manual", "bob", SyncRunStatus.SUCCEEDED, Instant.EPOCH,
			Instant.EPOCH, 3, 1, 0, 0, List.of("bob/app:1: a schema 1 manifest",
					"alice/app:2: an index without a linux/amd64 image", "ghost/x: no user 'ghost' has logged in"),
			null);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Registry registry;

	@Test
	void usersSeeOnlyWhatTheRunSaysAboutTheirOwnRepositories() {
		SyncRun seen = ImageSyncController.visibleTo(BOBS, user("alice", false));

		assertThat(seen.requestedBy()).isNull();
		assertThat(seen.skipped()).containsExactly("alice/app:2: an index without a linux/amd64 image");
		assertThat(seen.tagsAdded()).isEqualTo(1);
	}

	@Test
	void whoAskedSeesThemselvesAndAdminsSeeEverything() {
		assertThat(ImageSyncController.visibleTo(BOBS, user("bob", false)).requestedBy()).isEqualTo("bob");
		assertThat(ImageSyncController.visibleTo(BOBS, user("sensei", true))).isEqualTo(BOBS);
	}

	@Test
	void aSyncRequestIsAcceptedWithTheRunToFollowAndItsStatusAsAWord() throws Exception {
		given(this.registry.requestSync("manual", "alice", "127.0.0.1")).willReturn(
				new SyncRun("r2", "manual", "alice", SyncRunStatus.QUEUED, null, null, 0, 0, 0, 0, List.of(), null));

		this.mvc.perform(post("/api/v1/images/sync").with(alice()).with(csrf()))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", "/api/v1/images/sync/r2"))
			.andExpect(jsonPath("$.syncId").value("r2"))
			.andExpect(jsonPath("$.status").value("QUEUED"));
	}

	@Test
	void aRunShowsItsStatusAsAWordAndOnlyTheCallersSkippedEntries() throws Exception {
		given(this.registry.syncRun("r1")).willReturn(BOBS);

		this.mvc.perform(get("/api/v1/images/sync/r1").with(alice()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("SUCCEEDED"))
			.andExpect(jsonPath("$.tagsAdded").value(1))
			.andExpect(jsonPath("$.skipped.length()").value(1))
			.andExpect(jsonPath("$.requestedBy").doesNotExist());
	}

	@Test
	void anUnknownRunIsANotFoundProblem() throws Exception {
		given(this.registry.syncRun("nope"))
			.willThrow(new NotFoundException("sync-not-found", "There is no sync with the id 'nope'."));

		this.mvc.perform(get("/api/v1/images/sync/nope").with(alice()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value(endsWith("/sync-not-found")));
	}

	private static UserPrincipal user(String username, boolean admin) {
		return new UserPrincipal(username, username, null, null, null, List.of(), admin);
	}

}
