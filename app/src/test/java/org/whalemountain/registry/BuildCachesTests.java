package org.whalemountain.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuildCachesTests {

	@Test
	void buildKitsCacheTagAndBuildahsCacheRepositoryAreCaches() {
		assertThat(BuildCaches.isCache("alice/group/web", "buildcache")).isTrue();
		assertThat(BuildCaches.isCache("alice/group/web--buildcache",
				"3ce665360b4019d8c316c2bcb48c657c21ff366b5ef42642af371e302b7d6e12"))
			.isTrue();
		assertThat(BuildCaches.isCacheRepository("alice/group/web--buildcache")).isTrue();
	}

	@Test
	void theFactorysOwnTagsAndNamesAreNotCaches() {
		assertThat(BuildCaches.isCache("alice/group/web", "latest")).isFalse();
		assertThat(BuildCaches.isCache("alice/group/web", "1a2b3c4d")).isFalse();
		assertThat(BuildCaches.isCache("alice/group/web", "feature-buildcache-1a2b3c4d")).isFalse();
		// a project called buildcache, or one whose path component had to be escaped
		assertThat(BuildCaches.isCacheRepository("alice/group/buildcache")).isFalse();
		assertThat(BuildCaches.isCacheRepository("alice/group/web/buildcache")).isFalse();
		assertThat(BuildCaches.isCacheRepository("alice/group/web--5f776562")).isFalse();
	}

}
