package org.whalemountain.runners;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.whalemountain.registry.Registry;
import org.whalemountain.testsupport.CatalogueImages;
import org.whalemountain.testsupport.GitLabStubs;
import org.whalemountain.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's side of the image factory, for the tests that run the job served to them:
 * their runner registered, a base image in their catalogue, and a project checked out in
 * a directory with a Dockerfile built {@code FROM} that base (a {@code COPY}, an
 * {@code ENV}, an {@code ENTRYPOINT}).
 *
 * @param username whose project it is
 * @param path the project's path in GitLab ({@code CI_PROJECT_PATH})
 * @param configToml the user's runner's {@code config.toml}, as the service rendered it
 * @param job the job the user's served {@code .gitlab-ci.yml} holds
 * @param baseReference the base image as jobs reach it
 */
record FactoryProject(String username, Path dir, String path, String configToml, ServedJob job, String baseReference) {

	static final String ALICE = Http.basic("alice", "alice-pass");

	static final String PROJECT = "course-os/alice-app";

	/** Where alice's job for {@value #PROJECT} pushes: her prefix, then its path. */
	static final String REPOSITORY = "alice/" + PROJECT;

	/**
	 * Registers alice's runner, pushes a base image to her catalogue and checks out
	 * {@value #PROJECT} into {@code dir} with {@code GREETING=factory}.
	 */
	static FactoryProject checkOut(Path dir, GitLabStubs gitlab, RunnerClient runners, CatalogueImages images,
			Registry registry, Http http) throws IOException {
		return checkOut(dir, PROJECT, gitlab, runners, images, registry, http);
	}

	/**
	 * The same for another of her projects, {@code path}, built by the runner she
	 * registered for {@value #PROJECT}: its images are its own.
	 */
	static FactoryProject checkOut(Path dir, String path, GitLabStubs gitlab, RunnerClient runners,
			CatalogueImages images, Registry registry, Http http) throws IOException {
		gitlab.runnerTokenValid("glrt-alice-factory-01", 61);
		Http.Response registered = runners.register(ALICE,
				"{\"project\":\"" + PROJECT + "\",\"runnerToken\":\"glrt-alice-factory-01\"}");
		assertThat(registered.status()).as(registered.body()).isEqualTo(200);
		runners.awaitStatus(ALICE, "RUNNING");
		return checkOut("alice", "alice-pass", dir, path, images, registry, http);
	}

	/**
	 * Checks out {@code path} of a user whose runner already runs (registered by the
	 * test, through the API or the console), with a base image new in their catalogue.
	 */
	static FactoryProject checkOut(String username, String password, Path dir, String path, CatalogueImages images,
			Registry registry, Http http) throws IOException {
		String config = RunnerClient.configToml(username);
		CatalogueImages.Pushed base = images.push(username, password, "base", "CMD [\"sh\"]", "1");
		Files.writeString(dir.resolve("greeting.txt"), "built by the factory\n");
		String served = http.getAnything("/api/v1/runner/gitlab-ci.yml", Http.basic(username, password)).body();
		FactoryProject project = new FactoryProject(username, dir, path, config, ServedJob.parse(served, "build-image"),
				registry.jobHost() + "/" + base.repository() + ":1");
		project.greeting("factory");
		return project;
	}

	/**
	 * Rewrites the Dockerfile's {@code ENV} line, the one line a second push changes: the
	 * steps before it ({@code FROM}, {@code COPY}) stay as they were.
	 */
	void greeting(String greeting) throws IOException {
		Files.writeString(this.dir.resolve("Dockerfile"), "FROM " + this.baseReference + "\n"
				+ "COPY greeting.txt /srv/greeting.txt\n" + "ENV GREETING=" + greeting + "\n"
				+ "ENTRYPOINT [\"/bin/sh\", \"-c\", \"cat /srv/greeting.txt; echo \\\"$GREETING\\\"; exec \\\"$@\\\"\", \"entrypoint\"]\n"
				+ "CMD [\"sleep\", \"3600\"]\n");
	}

	/** Where its jobs push: the user's prefix, then the project's path. */
	String repository() {
		return this.username + "/" + this.path;
	}

	/** Runs {@code served} as the runner would, in a fresh job container. */
	DockerExecutorJob.Result run(ServedJob served, String commit, Pipeline pipeline) {
		return new DockerExecutorJob(this.configToml, served).run(this.dir, this.path, commit, pipeline);
	}

	/** Runs the served job as the runner would, in a fresh job container. */
	DockerExecutorJob.Result run(String commit, Pipeline pipeline) {
		return run(this.job, commit, pipeline);
	}

}
