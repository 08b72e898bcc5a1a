package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.engine.PullProgress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PullMeterTests {

	@Test
	void percentIsBytesDownloadedOverTheLayersKnownSoFar() {
		PullMeter meter = new PullMeter();

		assertThat(meter.add(new PullProgress(null, "Pulling from alice/app", 0, 0))).isTrue();
		assertThat(meter.percent()).isZero();
		assertThat(meter.message()).isEqualTo("Pulling from alice/app");
		meter.add(new PullProgress("aaaaaaaaaaaaaaaa", "Pulling fs layer", 0, 0));
		meter.add(new PullProgress("bbbbbbbbbbbbbbbb", "Pulling fs layer", 0, 0));
		meter.add(new PullProgress("aaaaaaaaaaaaaaaa", "Downloading", 50, 200));
		meter.add(new PullProgress("bbbbbbbbbbbbbbbb", "Downloading", 100, 200));

		assertThat(meter.percent()).isEqualTo(37);
		assertThat(meter.message()).isEqualTo("Downloading bbbbbbbbbbbb");
	}

	@Test
	void percentNeverGoesBackAndStaysBelowAHundredUntilTheEngineIsDone() {
		PullMeter meter = new PullMeter();
		meter.add(new PullProgress("a", "Downloading", 90, 100));
		assertThat(meter.percent()).isEqualTo(90);

		meter.add(new PullProgress("b", "Downloading", 0, 900));
		assertThat(meter.percent()).as("a larger layer announced late").isEqualTo(90);

		meter.add(new PullProgress("a", "Pull complete", 0, 0));
		meter.add(new PullProgress("b", "Download complete", 0, 0));
		meter.add(new PullProgress("b", "Pull complete", 0, 0));
		assertThat(meter.percent()).isEqualTo(99);
	}

	@Test
	void aRepeatedReportChangesNothing() {
		PullMeter meter = new PullMeter();
		meter.add(new PullProgress("a", "Downloading", 10, 100));

		assertThat(meter.add(new PullProgress("a", "Downloading", 10, 100))).isFalse();
		assertThat(meter.add(new PullProgress("a", "Downloading", 20, 100))).isTrue();
	}

}
