package org.whalemountain.workloads.docker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DockerPullMeterTests {

	@Test
	void percentIsBytesDownloadedOverTheLayersKnownSoFar() {
		DockerPullMeter meter = new DockerPullMeter();

		assertThat(meter.add(new DockerPullMeter.Report(null, "Pulling from alice/app", 0, 0))).isTrue();
		assertThat(meter.percent()).isZero();
		assertThat(meter.message()).isEqualTo("Pulling from alice/app");
		meter.add(new DockerPullMeter.Report("aaaaaaaaaaaaaaaa", "Pulling fs layer", 0, 0));
		meter.add(new DockerPullMeter.Report("bbbbbbbbbbbbbbbb", "Pulling fs layer", 0, 0));
		meter.add(new DockerPullMeter.Report("aaaaaaaaaaaaaaaa", "Downloading", 50, 200));
		meter.add(new DockerPullMeter.Report("bbbbbbbbbbbbbbbb", "Downloading", 100, 200));

		assertThat(meter.percent()).isEqualTo(37);
		assertThat(meter.message()).isEqualTo("Downloading bbbbbbbbbbbb");
	}

	@Test
	void percentNeverGoesBackAndStaysBelowAHundredUntilTheEngineIsDone() {
		DockerPullMeter meter = new DockerPullMeter();
		meter.add(new DockerPullMeter.Report("a", "Downloading", 90, 100));
		assertThat(meter.percent()).isEqualTo(90);

		meter.add(new DockerPullMeter.Report("b", "Downloading", 0, 900));
		assertThat(meter.percent()).as("a larger layer announced late").isEqualTo(90);

		meter.add(new DockerPullMeter.Report("a", "Pull complete", 0, 0));
		meter.add(new DockerPullMeter.Report("b", "Download complete", 0, 0));
		meter.add(new DockerPullMeter.Report("b", "Pull complete", 0, 0));
		assertThat(meter.percent()).isEqualTo(99);
	}

	@Test
	void aRepeatedReportChangesNothing() {
		DockerPullMeter meter = new DockerPullMeter();
		meter.add(new DockerPullMeter.Report("a", "Downloading", 10, 100));

		assertThat(meter.add(new DockerPullMeter.Report("a", "Downloading", 10, 100))).isFalse();
		assertThat(meter.add(new DockerPullMeter.Report("a", "Downloading", 20, 100))).isTrue();
	}

}
