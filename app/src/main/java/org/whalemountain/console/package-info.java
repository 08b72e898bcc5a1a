/**
 * The browser console: Thymeleaf pages with htmx partials, in Japanese and English. A
 * leaf: nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Console",
		allowedDependencies = { "identity", "audit", "runners", "images", "registry", "platform", "sif", "workloads" })
package org.whalemountain.console;
