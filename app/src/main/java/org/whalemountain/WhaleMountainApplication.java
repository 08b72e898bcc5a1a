package org.whalemountain;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * WhaleMountain: lends containers, GitLab runners and SIF images to the users of a
 * university department. One top-level package per feature; see
 * {@code docs/architecture.md}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
@EnableScheduling
public class WhaleMountainApplication {

	public static void main(String[] args) {
		SpringApplication.run(WhaleMountainApplication.class, args);
	}

}
