package org.whalemountain.workloads;

import java.util.List;
import java.util.stream.IntStream;

import org.whalemountain.testsupport.Http;

/**
 * The ten demo students, as HTTP Basic credentials, for tests with many users at once.
 */
final class Students {

	private Students() {
	}

	static String username(int number) {
		return "student%02d".formatted(number);
	}

	static String credentials(int number) {
		return Http.basic(username(number), username(number) + "-pass");
	}

	/** {@code student01} … {@code student10}, in that order. */
	static List<String> all() {
		return IntStream.rangeClosed(1, 10).mapToObj(Students::credentials).toList();
	}

}
