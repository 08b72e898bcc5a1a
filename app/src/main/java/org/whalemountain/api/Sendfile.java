package org.whalemountain.api;

import java.nio.file.Path;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Hands a whole file to the servlet container to send with {@code sendfile}
 * ({@code FileChannel.transferTo}): the bytes go from the page cache to the socket
 * without passing through the JVM, as Tomcat's own file servlet sends them. Only where
 * the connector says it can; elsewhere, and for ranges, Spring streams the
 * {@code Resource} as before.
 */
final class Sendfile {

	static final String SUPPORTED = "org.apache.tomcat.sendfile.support";

	static final String FILENAME = "org.apache.tomcat.sendfile.filename";

	static final String START = "org.apache.tomcat.sendfile.start";

	static final String END = "org.apache.tomcat.sendfile.end";

	private Sendfile() {
	}

	/**
	 * @return whether the container will send the file after the response's headers; the
	 * handler then answers with headers and no body
	 */
	static boolean offer(HttpServletRequest request, Path file, long size) {
		if (!Boolean.TRUE.equals(request.getAttribute(SUPPORTED)) || request.getHeader("Range") != null
				|| !"GET".equals(request.getMethod())) {
			return false;
		}
		request.setAttribute(FILENAME, file.toAbsolutePath().toString());
		request.setAttribute(START, 0L);
		request.setAttribute(END, size);
		return true;
	}

}
