package org.whalemountain.workloads.docker;

import java.nio.charset.StandardCharsets;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import org.junit.jupiter.api.Test;

import org.whalemountain.workloads.engine.ExecResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FrameCollectorTests {

	@Test
	void stdoutAndStderrAreKeptApartUpToTheLimitEach() {
		FrameCollector collector = FrameCollector.separate(5);

		collector.onNext(frame(StreamType.STDOUT, "abc"));
		collector.onNext(frame(StreamType.STDERR, "12"));
		collector.onNext(frame(StreamType.STDOUT, "defgh"));
		collector.onNext(frame(StreamType.STDERR, "345"));

		assertThat(collector.result(0)).isEqualTo(new ExecResult(0, "abcde", "12345", true));
	}

	@Test
	void outputExactlyAtTheLimitIsNotTruncated() {
		FrameCollector collector = FrameCollector.separate(3);

		collector.onNext(frame(StreamType.STDOUT, "abc"));
		collector.onNext(frame(StreamType.RAW, ""));

		assertThat(collector.result(null)).isEqualTo(new ExecResult(null, "abc", "", false));
	}

	@Test
	void interleavedKeepsTheOrderOfBothStreams() {
		FrameCollector collector = FrameCollector.interleaved(100);

		collector.onNext(frame(StreamType.STDOUT, "out1\n"));
		collector.onNext(frame(StreamType.STDERR, "err\n"));
		collector.onNext(frame(StreamType.STDOUT, "out2\n"));

		assertThat(collector.text()).isEqualTo("out1\nerr\nout2\n");
	}

	@Test
	void aNegativeLimitIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> FrameCollector.separate(-1));
	}

	private static Frame frame(StreamType type, String text) {
		return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
	}

}
