package org.whalemountain.runners.gitlab;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.whalemountain.runners.GitLabClient;
import org.whalemountain.runners.GitLabProperties;

@Configuration(proxyBeanMethods = false)
class GitLabConfiguration {

	@Bean
	GitLabClient gitLabClient(GitLabProperties properties) {
		return new Gitlab4jClient(properties);
	}

}
