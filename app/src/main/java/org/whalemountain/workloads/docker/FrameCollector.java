package org.whalemountain.workloads.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import org.whalemountain.workloads.engine.ExecResult;

/**
 * Collects the frames of an exec or log stream, keeping at most {@code limit} bytes of
 * each of stdout and stderr (or of both together when interleaved) and dropping the rest,
 * so that a chatty container cannot fill the service's memory. Frames arrive on
 * docker-java's thread; the results are read on the caller's.
 */
final class FrameCollector extends ResultCallback.Adapter<Frame> {

	private final int limit;

	private final boolean interleaved;

	private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

	private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

	private boolean truncated;

	private FrameCollector(int limit, boolean interleaved) {
		if (limit < 0) {
			throw new IllegalArgumentException("The output limit must not be negative: " + limit);
		}
		this.limit = limit;
		this.interleaved = interleaved;
	}

	/** Keeps stdout and stderr apart, each up to {@code limit} bytes. */
	static FrameCollector separate(int limit) {
		return new FrameCollector(limit, false);
	}

	/** Keeps both streams in one, in the order written, up to {@code limit} bytes. */
	static FrameCollector interleaved(int limit) {
		return new FrameCollector(limit, true);
	}

	@Override
	public synchronized void onNext(Frame frame) {
		byte[] payload = frame.getPayload();
		if (payload == null || payload.length == 0) {
			return;
		}
		ByteArrayOutputStream target = (!this.interleaved && frame.getStreamType() == StreamType.STDERR) ? this.stderr
				: this.stdout;
		int room = this.limit - target.size();
		if (payload.length > room) {
			this.truncated = true;
		}
		target.write(payload, 0, Math.max(0, Math.min(room, payload.length)));
	}

	synchronized String text() {
		return this.stdout.toString(StandardCharsets.UTF_8);
	}

	synchronized ExecResult result(Integer exitCode) {
		return new ExecResult(exitCode, this.stdout.toString(StandardCharsets.UTF_8),
				this.stderr.toString(StandardCharsets.UTF_8), this.truncated);
	}

}
