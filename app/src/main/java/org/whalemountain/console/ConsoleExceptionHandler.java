package org.whalemountain.console;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.whalemountain.platform.NotFoundException;

/**
 * Something that does not exist, or belongs to somebody else and is not shared, gets the
 * console's ordinary 404 page: the same page for both, so that nobody learns what others
 * keep.
 */
@ControllerAdvice(basePackageClasses = ConsoleExceptionHandler.class)
class ConsoleExceptionHandler {

	@ExceptionHandler(NotFoundException.class)
	void notFound(HttpServletResponse response) throws IOException {
		response.sendError(HttpServletResponse.SC_NOT_FOUND);
	}

}
