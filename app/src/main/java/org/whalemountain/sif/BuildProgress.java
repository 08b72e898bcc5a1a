package org.whalemountain.sif;

import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

import org.whalemountain.sif.rootfs.Flattener;

/**
 * A build's percentage as bytes move, not as steps pass: downloading (all layers
 * together) takes it to {@value #DOWNLOADED}, squashing the root filesystem's content to
 * {@value #SQUASHED}, writing the SIF's front and hashing the file to 100 once ready.
 * Only a higher percentage is passed on (one database update each), whichever download
 * thread reports it.
 */
final class BuildProgress {

	static final int DOWNLOADED = 50;

	static final int SQUASHED = 95;

	private final IntConsumer sink;

	private int last;

	BuildProgress(IntConsumer sink) {
		this.sink = sink;
	}

	/**
	 * @param total the compressed bytes of all layers, as the manifest states them
	 */
	LongConsumer downloads(long total) {
		return (bytes) -> at(share(bytes, total, 0, DOWNLOADED));
	}

	Flattener.Progress squashing() {
		return new Flattener.Progress() {

			private long total;

			@Override
			public void total(long contentBytes) {
				this.total = contentBytes;
			}

			@Override
			public void written(long contentBytes) {
				at(share(contentBytes, this.total, DOWNLOADED, SQUASHED));
			}

		};
	}

	synchronized void at(int percent) {
		if (percent > this.last) {
			this.last = percent;
			this.sink.accept(percent);
		}
	}

	private static int share(long done, long total, int from, int to) {
		if (total <= 0) {
			return from;
		}
		return from + (int) ((to - from) * Math.min(done, total) / total);
	}

}
