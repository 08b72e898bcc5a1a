package org.whalemountain.registry.sync;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyncScopeTests {

	@Test
	void targetedScopesMergeAndAFullOneCoversAll() {
		SyncScope app = SyncScope.of(List.of("alice/app"));
		SyncScope tool = SyncScope.of(List.of("bob/tool"));

		assertThat(app.and(tool).repositories()).containsExactlyInAnyOrder("alice/app", "bob/tool");
		assertThat(app.and(SyncScope.FULL)).isEqualTo(SyncScope.FULL);
		assertThat(SyncScope.FULL.covers(app)).isTrue();
		assertThat(app.and(tool).covers(app)).isTrue();
		assertThat(app.covers(tool)).isFalse();
		assertThat(app.covers(SyncScope.FULL)).isFalse();
	}

}
